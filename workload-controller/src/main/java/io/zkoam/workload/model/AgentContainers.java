package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.zkoam.api.naming.PodLayout;
import java.util.ArrayList;
import java.util.List;

/** The agent's two containers: the init step and the sidecar. */
public final class AgentContainers {
  /**
   * JVM flags of the agent (the same list the agent module ships as AgentJvmFlags; a sandbox test checks they agree):
   * a small serial-GC heap and C1 only keep the sidecar's resident memory small.
   */
  public static final List<String> JVM_FLAGS = List.of(
      "-XX:+UseSerialGC", "-Xms8m", "-Xmx24m", "-Xss256k", "-XX:MaxMetaspaceSize=48m", "-XX:TieredStopAtLevel=1",
      "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxDirectMemorySize=8m",
      "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000", "-XX:+ExitOnOutOfMemoryError",
      "-Djava.net.preferIPv4Stack=true");

  /** Environment the agent ships with (AgentJvmFlags.ENVIRONMENT): glibc keeps fewer malloc arenas. */
  public static final java.util.Map<String, String> ENVIRONMENT = java.util.Map.of("MALLOC_ARENA_MAX", "2");

  private static final ResourceRequirements DEFAULT_RESOURCES = new ResourceRequirementsBuilder()
      .addToRequests("cpu", new Quantity("20m"))
      .addToRequests("memory", new Quantity("64Mi"))
      .addToLimits("memory", new Quantity("128Mi"))
      .build();

  private AgentContainers() {}

  /**
   * The init step, which also copies the agent jar to a volume the ZooKeeper container shares: that container runs
   * the same step before every server start (see {@link ZooKeeperContainer}).
   */
  public static Container init(ClusterInputs in) {
    List<EnvVar> env = agentEnv();
    env.addAll(initSettings(in));
    String script = "cp " + PodLayout.AGENT_JAR + " " + PodLayout.AGENT_BIN_DIR + "/ && exec "
        + javaCommandLine(PodLayout.AGENT_JAR) + " init";
    return base(in, PodLayout.INIT_CONTAINER, env)
        .withCommand("sh", "-c", script)
        .withVolumeMounts(
            mount(PodLayout.DATA_VOLUME, PodLayout.DATA_DIR, false),
            mount(PodLayout.CONFIG_VOLUME, PodLayout.CONFIG_IN_DIR, true),
            mount(PodLayout.SECRET_VOLUME, PodLayout.SECRET_DIR, true),
            mount(PodLayout.AGENT_BIN_VOLUME, PodLayout.AGENT_BIN_DIR, false),
            mount(PodLayout.TMP_VOLUME, PodLayout.TMP_DIR, false))
        .build();
  }

  /** What the init step needs beyond the downward API: the cluster, the DNS suffix, the claim (for messages). */
  static List<EnvVar> initSettings(ClusterInputs in) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName("ZKOAM_CLUSTER").withValue(in.name()).build());
    env.add(new EnvVarBuilder().withName("ZKOAM_CLUSTER_DOMAIN").withValue(in.platform().clusterDomain()).build());
    if (!in.spec().storage().ephemeral()) {
      env.add(new EnvVarBuilder().withName("ZKOAM_VOLUME_CLAIM")
          .withValue(PodLayout.DATA_VOLUME + "-$(POD_NAME)").build());
    }
    return env;
  }

  /** {@code java <agent flags> -jar <jar>}, for shell scripts. */
  static String javaCommandLine(String jar) {
    return "java " + String.join(" ", JVM_FLAGS) + " -jar " + jar;
  }

  public static Container sidecar(ClusterInputs in) {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(JVM_FLAGS);
    command.add("-jar");
    command.add(PodLayout.AGENT_JAR);
    return base(in, PodLayout.AGENT_CONTAINER, agentEnv())
        .withCommand(command)
        .withArgs("serve")
        .addNewPort().withName(PodLayout.AGENT_PORT_NAME).withContainerPort(PodLayout.AGENT_PORT)
        .withProtocol("TCP").endPort()
        // The JVM needs a few seconds to start; liveness only begins once /health has answered.
        .withStartupProbe(health(2, 30))
        .withLivenessProbe(health(10, 3))
        .withReadinessProbe(health(5, 2))
        .withVolumeMounts(
            mount(PodLayout.SECRET_VOLUME, PodLayout.SECRET_DIR, true),
            mount(PodLayout.TMP_VOLUME, PodLayout.TMP_DIR, false))
        .build();
  }

  private static List<EnvVar> agentEnv() {
    List<EnvVar> env = new ArrayList<>(PodEnv.downwardApi());
    new java.util.TreeMap<>(ENVIRONMENT).forEach((name, value) ->
        env.add(new EnvVarBuilder().withName(name).withValue(value).build()));
    return env;
  }

  private static ContainerBuilder base(ClusterInputs in, String name, List<EnvVar> env) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(in.spec().agent().image())
        .withImagePullPolicy(in.spec().imagePullPolicy() == null ? null : in.spec().imagePullPolicy().name())
        .withEnv(env)
        .withResources(in.spec().agent().resources() != null ? in.spec().agent().resources() : DEFAULT_RESOURCES)
        .withSecurityContext(SecurityContexts.container());
  }

  private static Probe health(int period, int failures) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath("/health").withNewPort(PodLayout.AGENT_PORT_NAME).endHttpGet()
        .withPeriodSeconds(period).withTimeoutSeconds(2).withFailureThreshold(failures)
        .build();
  }

  static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly ? true : null).build();
  }
}
