package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.zkoam.api.naming.PodLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The ZooKeeper server container, running the official image's {@code zkServer.sh start-foreground} on the config the
 * init step wrote (so the image's entrypoint, which would write its own zoo.cfg, is not used). The init step runs
 * again before every start of this container: a pod waiting to be added as a voter runs with a config ZooKeeper
 * rewrote without it, and only the init step can restart such a server (the image ships the JVM it needs).
 */
public final class ZooKeeperContainer {
  private ZooKeeperContainer() {}

  public static Container build(ClusterInputs in) {
    List<EnvVar> env = new ArrayList<>(PodEnv.downwardApi());
    env.add(value("ZOOCFGDIR", PodLayout.CONF_DIR));
    env.add(value("ZOO_LOG_DIR", PodLayout.LOGS_DIR));
    env.add(value("ZK_SERVER_HEAP", Long.toString(HeapSizing.heapMiB(in.spec()))));
    if (!in.spec().jvm().extraOptions().isEmpty()) {
      env.add(value("SERVER_JVMFLAGS", String.join(" ", in.spec().jvm().extraOptions())));
    }
    env.addAll(AgentContainers.initSettings(in));
    String script = AgentContainers.javaCommandLine(PodLayout.AGENT_BIN_DIR + "/zkoam-agent.jar")
        + " init && exec zkServer.sh start-foreground";
    return new ContainerBuilder()
        .withName(PodLayout.ZOOKEEPER_CONTAINER)
        .withImage(in.spec().effectiveImage())
        .withImagePullPolicy(in.spec().imagePullPolicy() == null ? null : in.spec().imagePullPolicy().name())
        .withCommand("sh", "-c", script)
        .withEnv(env)
        .withPorts(
            port(PodLayout.CLIENT_PORT_NAME, PodLayout.CLIENT_PORT),
            port(PodLayout.QUORUM_PORT_NAME, PodLayout.QUORUM_PORT),
            port(PodLayout.ELECTION_PORT_NAME, PodLayout.ELECTION_PORT),
            port(PodLayout.METRICS_PORT_NAME, PodLayout.METRICS_PORT))
        // Startup and liveness ask only "does the process answer": they must never depend on quorum, or a quorum
        // loss would restart every pod (and the first pod could never start: pravega/zookeeper-operator#491).
        .withStartupProbe(clientPortOpen(5, 60))
        .withLivenessProbe(clientPortOpen(10, 6))
        // Readiness asks the agent whether the server serves requests (in quorum), which ruok alone cannot tell.
        .withReadinessProbe(new ProbeBuilder()
            .withNewHttpGet().withPath("/runok").withNewPort(PodLayout.AGENT_PORT).endHttpGet()
            .withPeriodSeconds(5).withTimeoutSeconds(2).withFailureThreshold(2).withSuccessThreshold(1)
            .build())
        .withResources(in.spec().resources())
        .withSecurityContext(SecurityContexts.container())
        .withVolumeMounts(
            AgentContainers.mount(PodLayout.DATA_VOLUME, PodLayout.DATA_DIR, false),
            AgentContainers.mount(PodLayout.CONFIG_VOLUME, PodLayout.CONFIG_IN_DIR, true),
            AgentContainers.mount(PodLayout.SECRET_VOLUME, PodLayout.SECRET_DIR, true),
            AgentContainers.mount(PodLayout.AGENT_BIN_VOLUME, PodLayout.AGENT_BIN_DIR, true),
            AgentContainers.mount(PodLayout.LOGS_VOLUME, PodLayout.LOGS_DIR, false),
            AgentContainers.mount(PodLayout.TMP_VOLUME, PodLayout.TMP_DIR, false))
        .build();
  }

  /** The optional exporter sidecar; it reads mntr over the pod's client port. */
  public static Container exporter(ClusterInputs in) {
    return new ContainerBuilder()
        .withName(PodLayout.EXPORTER_CONTAINER)
        .withImage(in.spec().exporter().image())
        .withArgs("-listen", ":" + PodLayout.EXPORTER_PORT, "-zk-hosts", "$(POD_IP):" + PodLayout.CLIENT_PORT)
        .withEnv(PodEnv.downwardApi())
        .withPorts(port(PodLayout.EXPORTER_PORT_NAME, PodLayout.EXPORTER_PORT))
        .withResources(in.spec().exporter().resources())
        .withSecurityContext(SecurityContexts.container())
        .build();
  }

  private static Probe clientPortOpen(int period, int failures) {
    return new ProbeBuilder()
        .withNewTcpSocket().withNewPort(PodLayout.CLIENT_PORT).endTcpSocket()
        .withPeriodSeconds(period).withTimeoutSeconds(2).withFailureThreshold(failures)
        .build();
  }

  private static ContainerPort port(String name, int number) {
    return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol("TCP").build();
  }

  private static EnvVar value(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }
}
