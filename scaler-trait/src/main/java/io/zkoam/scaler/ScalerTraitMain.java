package io.zkoam.scaler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import io.zkoam.scaler.act.HttpMembershipAgent;
import io.zkoam.scaler.act.MembershipAgent;
import java.time.Clock;
import java.time.Duration;

/** Entry point of the scaler trait controller; the sandbox starts it through {@link #start} exactly as main does. */
public final class ScalerTraitMain {
  public static final String NAME = "zkoam-scaler-trait";

  private ScalerTraitMain() {}

  public static void main(String[] args) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    ControllerRuntime runtime = start(client, ControllerOptions.fromEnvironment(NAME, System.getenv()),
        ScalerTiming.DEFAULT, ScalerHooks.NONE).withJvmMetrics();
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shutdown"));
  }

  public static ControllerRuntime start(KubernetesClient client, ControllerOptions options, ScalerTiming timing,
      ScalerHooks hooks) {
    return start(client, options, timing, hooks,
        new HttpMembershipAgent(Duration.ofSeconds(2), Duration.ofSeconds(45)));
  }

  public static ControllerRuntime start(KubernetesClient client, ControllerOptions options, ScalerTiming timing,
      ScalerHooks hooks, MembershipAgent agent) {
    ControllerRuntime runtime = new ControllerRuntime(options, client);
    ScalerTraitReconciler reconciler = new ScalerTraitReconciler(agent, timing, hooks,
        new ScalerMetrics(runtime.registry()), Clock.systemUTC());
    return runtime.register(reconciler).start();
  }
}
