package io.zkoam.rollout.status;

import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.api.v1alpha1.RolloutTraitStatus;
import io.zkoam.api.v1alpha1.RolloutTraitStatus.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Kubernetes Events a rollout's status change is worth: one per pod restarted and back, and per new blocker. */
public final class RolloutEvents {
  private RolloutEvents() {}

  public record Notice(String type, String reason, String message) {}

  public static List<Notice> between(RolloutTraitStatus before, RolloutTraitStatus after, List<RolloutStep> finished,
      java.util.function.Function<RolloutStep, String> describe) {
    List<Notice> notices = new ArrayList<>();
    List<RolloutStep> was = before == null ? List.of() : before.steps();
    for (RolloutStep step : finished) {
      notices.add(new Notice("Normal", "PodRestarted", step.pod() + " is back, ready and synced"));
    }
    for (RolloutStep step : after.steps()) {
      if (!was.contains(step)) {
        notices.add(new Notice("Normal", "PodRestarting", describe.apply(step)));
      }
    }
    Optional<String> blocked = blockedReason(after);
    if (blocked.isPresent() && !blocked.equals(blockedReason(before))) {
      notices.add(new Notice("Warning", blocked.get(), Conditions.find(after.conditions(), ConditionTypes.BLOCKED)
          .map(c -> c.getMessage()).orElse("")));
    }
    if (after.phase() == Phase.Complete && (before == null || before.phase() != Phase.Complete)) {
      notices.add(new Notice("Normal", "RolloutComplete", "every pod runs revision " + after.targetRevision()
          + (after.leaderElections() == null ? "" : "; leader elections seen: " + after.leaderElections())));
    }
    return notices;
  }

  private static Optional<String> blockedReason(RolloutTraitStatus status) {
    return status == null ? Optional.empty() : Conditions.find(status.conditions(), ConditionTypes.BLOCKED)
        .filter(c -> Conditions.TRUE.equals(c.getStatus())).map(c -> c.getReason());
  }
}
