package io.zkoam.rollout.plan;

import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.api.v1alpha1.RolloutTraitStatus.Phase;
import java.util.List;

/**
 * The planner's decision for one reconcile.
 *
 * @param kind what the reconciler does now
 * @param steps the deletions to have in status (in flight), including {@code delete}
 * @param delete deletions to take now: a new one (recorded first) or a recorded one whose pod is still the old object
 * @param finished recorded deletions found back, ready and synced in this look
 * @param order pods still to restart, in the order they will (leader last)
 * @param restartAtApplied the spec.restartAt every pod has honoured, to publish
 * @param lastPodReadyAt when the last restarted pod was back
 */
public record RolloutPlan(Kind kind, Phase phase, List<RolloutStep> steps, List<RolloutStep> delete,
    List<RolloutStep> finished, List<String> order, int updated, int total, String restartAtApplied,
    String lastPodReadyAt, String reason, String message) {

  public RolloutPlan {
    steps = List.copyOf(steps);
    delete = List.copyOf(delete);
    finished = List.copyOf(finished);
    order = List.copyOf(order);
  }

  public enum Kind {
    /** Nothing to restart. */
    Done,
    /** Record (if new) and delete the pods in {@code delete}. */
    Delete,
    /** Pods are coming back, or the pause between pods runs. */
    Wait,
    /** spec.paused: nothing new is deleted. */
    Paused,
    /** A gate fails, a pod did not come back in time, or the spec is refused. */
    Blocked
  }
}
