package io.zkoam.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import io.zkoam.workload.model.Platform;
import io.zkoam.workload.observe.ClusterObserver;
import io.zkoam.workload.observe.HttpAgentClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Entry point of the workload controller; the sandbox starts it through {@link #start} exactly as main does. */
public final class WorkloadControllerMain {
  public static final String NAME = "zkoam-workload-controller";

  private WorkloadControllerMain() {}

  public static void main(String[] args) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    Map<String, String> env = System.getenv();
    ControllerRuntime runtime = start(client, ControllerOptions.fromEnvironment(NAME, env),
        detectPlatform(client, env), ReconcileTiming.DEFAULT).withJvmMetrics();
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shutdown"));
  }

  public static ControllerRuntime start(KubernetesClient client, ControllerOptions options, Platform platform,
      ReconcileTiming timing) {
    ClusterObserver observer = new ClusterObserver(new HttpAgentClient(Duration.ofSeconds(2)));
    return start(client, options, platform, timing, observer);
  }

  public static ControllerRuntime start(KubernetesClient client, ControllerOptions options, Platform platform,
      ReconcileTiming timing, ClusterObserver observer) {
    ZooKeeperClusterReconciler reconciler =
        new ZooKeeperClusterReconciler(platform, observer, Clock.systemUTC(), timing);
    return new ControllerRuntime(options, client).register(reconciler).start();
  }

  /**
   * OpenShift is recognised by its security API group; there the restricted SCC assigns uids, so none is rendered.
   * {@code ZKOAM_CLUSTER_DOMAIN} overrides the DNS suffix for clusters not using cluster.local.
   */
  static Platform detectPlatform(KubernetesClient client, Map<String, String> env) {
    boolean openShift = client.getApiGroup("security.openshift.io") != null;
    return new Platform(openShift, env.getOrDefault("ZKOAM_CLUSTER_DOMAIN", "cluster.local"));
  }
}
