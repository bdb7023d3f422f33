package io.zkoam.scaler.status;

import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.ScalerTraitStatus;
import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.scaler.plan.ScalingPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The Kubernetes Events a status change is worth: one per step started and finished, and per new blocker. */
public final class StepEvents {
  private StepEvents() {}

  public record Notice(String type, String reason, String message) {}

  /**
   * @param completed a step found finished in this reconcile, or null
   */
  public static List<Notice> between(ScalerTraitStatus before, ScalerTraitStatus after, ScalingStep completed) {
    List<Notice> notices = new ArrayList<>();
    ScalingStep was = before == null ? null : before.step();
    ScalingStep now = after.step();
    if (completed != null) {
      notices.add(new Notice("Normal", "StepCompleted", "done: " + ScalingPlanner.describe(completed)));
    } else if (was != null && !sameStep(was, now)) {
      notices.add(new Notice("Warning", "StepAbandoned", "abandoned: " + ScalingPlanner.describe(was)
          + " (" + blockedMessage(after).orElse("membership changed under it") + ")"));
    }
    if (now != null && !sameStep(was, now)) {
      notices.add(new Notice("Normal", "StepStarted", ScalingPlanner.describe(now) + " (configuration "
          + now.configVersionBefore() + ")"));
    }
    Optional<String> blockedReason = blockedReason(after);
    if (blockedReason.isPresent() && !blockedReason.equals(blockedReason(before))) {
      notices.add(new Notice("Warning", blockedReason.get(), blockedMessage(after).orElse("")));
    }
    if (after.phase() == Phase.Idle && (before == null || before.phase() != Phase.Idle)
        && after.currentVoters() != null) {
      notices.add(new Notice("Normal", "ScalingComplete", after.currentVoters() + " voting members"));
    }
    return notices;
  }

  /**
   * Two records of one step (the second may carry the reconfig's result). The version before is part of a step's
   * identity: a step planned again after membership moved is a new step even within the same second.
   */
  public static boolean sameStep(ScalingStep a, ScalingStep b) {
    return a != null && b != null && a.action() == b.action() && Objects.equals(a.serverId(), b.serverId())
        && Objects.equals(a.startedAt(), b.startedAt())
        && Objects.equals(a.configVersionBefore(), b.configVersionBefore());
  }

  private static Optional<String> blockedReason(ScalerTraitStatus status) {
    return status == null ? Optional.empty() : Conditions.find(status.conditions(), ConditionTypes.BLOCKED)
        .filter(c -> Conditions.TRUE.equals(c.getStatus())).map(c -> c.getReason());
  }

  private static Optional<String> blockedMessage(ScalerTraitStatus status) {
    return Conditions.find(status.conditions(), ConditionTypes.BLOCKED)
        .filter(c -> Conditions.TRUE.equals(c.getStatus())).map(c -> c.getMessage());
  }
}
