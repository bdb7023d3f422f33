package io.zkoam.rollout;

import io.zkoam.rollout.plan.RolloutPlan;
import java.time.Duration;

/**
 * When to look again without an event. Pod and workload events drive the rollout; these are safety nets, plus the
 * one timer a rollout has by design: the end of pauseBetweenPods and of a pod's podReadyTimeout.
 */
public record RolloutTiming(Duration inFlight, Duration blocked, Duration idle) {
  public static final RolloutTiming DEFAULT = new RolloutTiming(Duration.ofSeconds(2), Duration.ofSeconds(10),
      Duration.ofSeconds(60));

  Duration after(RolloutPlan plan) {
    return switch (plan.kind()) {
      case Delete, Wait -> inFlight;
      case Blocked, Paused -> blocked;
      case Done -> idle;
    };
  }
}
