package io.zkoam.runtime.health;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import java.util.Map;

/** Java Operator SDK's metrics hook, fed into Prometheus simpleclient: counts, errors, durations, queue depth. */
public final class ReconcileMetrics implements Metrics {
  private final String controller;
  private final Counter events;
  private final Counter reconciliations;
  private final Counter retries;
  private final Counter failures;
  private final Gauge inProgress;
  private final Histogram duration;

  public ReconcileMetrics(String controller, CollectorRegistry registry) {
    this.controller = controller;
    events = Counter.build("zkoam_events_received_total", "Events that queued a reconciliation.")
        .labelNames("controller").register(registry);
    reconciliations = Counter.build("zkoam_reconciliations_total", "Reconciliations started.")
        .labelNames("controller", "kind").register(registry);
    retries = Counter.build("zkoam_reconciliation_retries_total", "Reconciliations that were retries after an error.")
        .labelNames("controller").register(registry);
    failures = Counter.build("zkoam_reconciliation_errors_total", "Reconciliations that ended with an error.")
        .labelNames("controller", "exception").register(registry);
    inProgress = Gauge.build("zkoam_reconciliations_in_progress", "Reconciliations executing now (queue depth).")
        .labelNames("controller").register(registry);
    duration = Histogram.build("zkoam_reconciliation_duration_seconds", "Time spent in one reconciliation.")
        .labelNames("controller", "outcome")
        .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .register(registry);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    events.labels(controller).inc();
  }

  @Override
  public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    reconciliations.labels(controller, resource.getKind()).inc();
    if (retryInfo != null && retryInfo.getAttemptCount() > 0) {
      retries.labels(controller).inc();
    }
  }

  @Override
  public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    failures.labels(controller, exception.getClass().getSimpleName()).inc();
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    inProgress.labels(controller).inc();
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    inProgress.labels(controller).dec();
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      T result = execution.execute();
      outcome = execution.successTypeName(result);
      return result;
    } finally {
      duration.labels(controller, outcome).observe((System.nanoTime() - start) / 1e9);
    }
  }
}
