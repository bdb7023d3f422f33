package io.zkoam.scaler;

import io.zkoam.scaler.plan.Plan;
import java.time.Duration;

/**
 * When to look again without an event. Events (the workload's status, its pods) drive the scaler; these are the
 * safety nets: a retry after a passing failure, a look while a step is in flight, a slower one while blocked or idle.
 */
public record ScalerTiming(Duration retry, Duration inFlight, Duration blocked, Duration idle) {
  public static final ScalerTiming DEFAULT = new ScalerTiming(Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(10), Duration.ofSeconds(60));

  Duration after(Plan plan, boolean retrying) {
    if (retrying) {
      return retry;
    }
    return switch (plan.kind()) {
      case Act, Wait -> inFlight;
      case Blocked -> blocked;
      case Idle -> idle;
    };
  }
}
