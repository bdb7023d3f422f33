package io.zkoam.scaler;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.zkoam.api.v1alpha1.ScalingStep;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Steps taken and how long they took, next to the runtime's reconcile metrics on /metrics. */
final class ScalerMetrics {
  private final Counter started;
  private final Counter finished;
  private final Histogram seconds;

  ScalerMetrics(CollectorRegistry registry) {
    started = Counter.build("zkoam_scaler_steps_started_total", "Scaling steps recorded and started.")
        .labelNames("action").register(registry);
    finished = Counter.build("zkoam_scaler_steps_finished_total", "Scaling steps that ended, by how they ended.")
        .labelNames("action", "result").register(registry);
    seconds = Histogram.build("zkoam_scaler_step_duration_seconds", "Time from recording a step to its completion.")
        .labelNames("action").buckets(1, 2, 5, 10, 20, 30, 60, 120, 300, 600).register(registry);
  }

  void started(ScalingStep step) {
    started.labels(step.action().name()).inc();
  }

  void completed(ScalingStep step, Instant now) {
    finished.labels(step.action().name(), "completed").inc();
    try {
      seconds.labels(step.action().name())
          .observe(Duration.between(Instant.parse(step.startedAt()), now).toMillis() / 1000.0);
    } catch (DateTimeParseException | NullPointerException e) {
      // a step recorded without a readable start time has no duration to report
    }
  }

  void abandoned(ScalingStep step) {
    finished.labels(step.action().name(), "abandoned").inc();
  }
}
