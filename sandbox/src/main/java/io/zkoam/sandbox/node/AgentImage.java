package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;
import io.zkoam.api.naming.PodLayout;
import io.zkoam.zkprocess.HostsFile;
import io.zkoam.zkprocess.JavaClasspath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zkoam agent: {@code java [flags] -jar .../zkoam-agent.jar init|serve}. Run with the same flags and
 * arguments, the agent's main class from this classpath, and the container's mount paths handed over as the agent's
 * path settings (the agent reads them from the environment, with the container paths as defaults).
 */
final class AgentImage implements ContainerImage {
  static final String MAIN_CLASS = "io.zkoam.agent.AgentMain";

  static final String JAR_NAME = "zkoam-agent.jar";

  /** Any {@code java ... -jar .../zkoam-agent.jar}: the image's own copy or the one shared with ZooKeeper. */
  @Override
  public boolean handles(Container container) {
    return container.getCommand() != null && !container.getCommand().isEmpty()
        && container.getCommand().get(0).equals("java")
        && container.getCommand().stream().anyMatch(c -> c.endsWith("/" + JAR_NAME));
  }

  @Override
  public RunningContainer start(ContainerLaunch launch) {
    List<String> given = launch.container().getCommand();
    int jar = given.indexOf("-jar");
    List<String> command = new ArrayList<>();
    command.add(JavaClasspath.javaExecutable().toString());
    command.addAll(given.subList(1, jar));
    command.add("-D" + HostsFile.SYSTEM_PROPERTY + "=" + launch.hostsFile());
    command.add("-cp");
    command.add(JavaClasspath.ofRunningJvm());
    command.add(MAIN_CLASS);
    command.addAll(given.subList(jar + 2, given.size()));
    if (launch.container().getArgs() != null) {
      command.addAll(launch.container().getArgs());
    }
    Map<String, String> env = new LinkedHashMap<>(launch.env());
    launch.hostPath(PodLayout.DATA_DIR).ifPresent(p -> {
      env.put("ZKOAM_DATA_DIR", p.toString());
      env.put("ZKOAM_CONF_DIR", p.resolve("conf").toString());
    });
    put(env, "ZKOAM_CONFIG_IN", launch, PodLayout.CONFIG_IN_DIR);
    put(env, "ZKOAM_SECRET_DIR", launch, PodLayout.SECRET_DIR);
    return ProcessContainer.start(command, env, launch);
  }

  private static void put(Map<String, String> env, String name, ContainerLaunch launch, String containerPath) {
    launch.hostPath(containerPath).map(Path::toString).ifPresent(p -> env.put(name, p));
  }
}
