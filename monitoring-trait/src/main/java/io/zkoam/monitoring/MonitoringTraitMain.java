package io.zkoam.monitoring;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.zkoam.monitoring.render.DesiredMonitoring;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import java.time.Clock;

/** Entry point of the monitoring trait controller; the sandbox starts it through {@link #start} exactly as main does. */
public final class MonitoringTraitMain {
  public static final String NAME = DesiredMonitoring.MANAGER;

  private MonitoringTraitMain() {}

  public static void main(String[] args) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    ControllerRuntime runtime = start(client, ControllerOptions.fromEnvironment(NAME, System.getenv()),
        MonitoringTiming.DEFAULT).withJvmMetrics();
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shutdown"));
  }

  public static ControllerRuntime start(KubernetesClient client, ControllerOptions options, MonitoringTiming timing) {
    ControllerRuntime runtime = new ControllerRuntime(options, client);
    return runtime.register(new MonitoringTraitReconciler(timing, Clock.systemUTC())).start();
  }
}
