package io.zkoam.sandbox.node;

import io.zkoam.zkprocess.JavaClasspath;
import io.fabric8.kubernetes.api.model.Container;
import io.zkoam.zkprocess.ZooKeeperProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The official zookeeper image as zkoam runs it ({@code zkServer.sh start-foreground} with {@code ZOOCFGDIR}): the
 * same main class, {@code QuorumPeerMain}, on {@code $ZOOCFGDIR/zoo.cfg}. The heap follows {@code ZK_SERVER_HEAP}
 * but is capped, because a laptop runs every server of every cluster at once.
 */
final class ZooKeeperImage implements ContainerImage {
  static final long HEAP_CAP_MIB = 128;

  private final ZooKeeperLibraries libraries;

  ZooKeeperImage(ZooKeeperLibraries libraries) {
    this.libraries = libraries;
  }

  @Override
  public boolean handles(Container container) {
    boolean script = container.getCommand() != null && !container.getCommand().isEmpty()
        && container.getCommand().get(0).equals("zkServer.sh");
    boolean image = container.getImage() != null && container.getImage().matches("^(.*/)?zookeeper(:.*)?$");
    return script || image && container.getCommand() == null;
  }

  @Override
  public RunningContainer start(ContainerLaunch launch) {
    String confDir = launch.env().getOrDefault("ZOOCFGDIR", "/conf");
    Path config = launch.hostPath(confDir).orElseThrow(() -> new IllegalStateException(
        launch.name() + ": ZOOCFGDIR " + confDir + " is not on a mounted volume")).resolve("zoo.cfg");
    long heap = Math.min(HEAP_CAP_MIB, Long.parseLong(launch.env().getOrDefault("ZK_SERVER_HEAP", "1000")));
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xss512k", "-Djava.net.preferIPv4Stack=true", "-Dsun.net.inetaddr.negative.ttl=1"));
    // zkServer.sh puts $ZOOCFGDIR on the classpath, which is how the server finds the logback.xml the init step wrote.
    Path logback = config.resolveSibling("logback.xml");
    if (java.nio.file.Files.isRegularFile(logback)) {
      jvm.add("-Dlogback.configurationFile=" + logback);
    }
    Optional.ofNullable(launch.env().get("SERVER_JVMFLAGS")).filter(s -> !s.isBlank())
        .ifPresent(flags -> jvm.addAll(List.of(flags.trim().split("\\s+"))));
    ZooKeeperProcess server = ZooKeeperProcess.builder(launch.name().replace('/', '-'), config)
        .workDir(launch.workDir())
        .logFile(launch.logFile())
        .hostsFile(launch.hostsFile())
        .jvmOptions(jvm)
        .classpath(libraries.classpathPrefix() + JavaClasspath.ofRunningJvm())
        .build()
        .start();
    return new RunningContainer() {
      @Override
      public boolean isAlive() {
        return server.isAlive();
      }

      @Override
      public Optional<Integer> exitCode() {
        return server.isAlive() ? Optional.empty() : server.exitCode();
      }

      @Override
      public void stop(Duration grace) {
        server.stop(grace);
      }

      @Override
      public void kill() {
        server.kill();
      }
    };
  }
}
