package io.zkoam.runtime;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny reconciler for runtime tests: ConfigMaps with {@link #LABEL}; it writes nothing and records each reconcile
 * with the name of the instance that ran it. It reschedules itself, so a runtime that reconciles keeps doing so.
 */
final class RecordingReconciler implements Reconciler<ConfigMap> {
  static final String LABEL_KEY = "zkoam.io/runtime-test";
  static final String LABEL = LABEL_KEY + "=yes";

  record Reconcile(String instance, String configMap, long nanos) {}

  private final String instance;
  private final List<Reconcile> log;

  RecordingReconciler(String instance, List<Reconcile> log) {
    this.instance = instance;
    this.log = log;
  }

  static List<Reconcile> newLog() {
    return new CopyOnWriteArrayList<>();
  }

  @Override
  public UpdateControl<ConfigMap> reconcile(ConfigMap resource, Context<ConfigMap> context) {
    log.add(new Reconcile(instance, resource.getMetadata().getName(), System.nanoTime()));
    return UpdateControl.<ConfigMap>noUpdate().rescheduleAfter(Duration.ofMillis(200));
  }

  /** Registers this reconciler on {@code runtime}, limited to the test's labelled ConfigMaps. */
  ControllerRuntime registerOn(ControllerRuntime runtime) {
    return runtime.register(this, o -> o.withLabelSelector(LABEL));
  }
}
