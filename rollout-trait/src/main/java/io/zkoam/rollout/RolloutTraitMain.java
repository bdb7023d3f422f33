package io.zkoam.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import java.time.Clock;

/** Entry point of the rollout trait controller; the sandbox starts it through {@link #start} exactly as main does. */
public final class RolloutTraitMain {
  public static final String NAME = "zkoam-rollout-trait";

  private RolloutTraitMain() {}

  public static void main(String[] args) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    ControllerRuntime runtime = start(client, ControllerOptions.fromEnvironment(NAME, System.getenv()),
        RolloutTiming.DEFAULT, RolloutHooks.NONE).withJvmMetrics();
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shutdown"));
  }

  public static ControllerRuntime start(KubernetesClient client, ControllerOptions options, RolloutTiming timing,
      RolloutHooks hooks) {
    ControllerRuntime runtime = new ControllerRuntime(options, client);
    return runtime.register(new RolloutTraitReconciler(timing, hooks, Clock.systemUTC())).start();
  }
}
