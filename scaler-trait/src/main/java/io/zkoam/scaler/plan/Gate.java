package io.zkoam.scaler.plan;

import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What must hold before the scaler changes anything: a membership change needs a quorum of the old and of the new
 * configuration, so it is taken only while every voter serves; and it is decided on a status that describes the
 * workload as it is now.
 */
final class Gate {
  private Gate() {}

  /** Why a new step may not start now, as the plan to publish instead; empty when it may. */
  static Optional<Plan> forNewStep(ScalingStep step, EnsembleView view, ScalingStep completed) {
    if (!view.statusCurrent()) {
      return Optional.of(Plan.await(null, Plan.phaseOf(step), completed, "WaitingForWorkload",
          "the workload controller has not published the status of generation " + view.generation() + " of "
              + view.cluster() + " yet"));
    }
    Optional<Plan> health = health(step, view, null, completed);
    if (health.isPresent()) {
      return health;
    }
    List<Integer> behind = view.podsOnOtherConfig();
    if (!behind.isEmpty()) {
      return Optional.of(Plan.await(null, Plan.phaseOf(step), completed, "ConfigSpreading",
          pods(behind, view) + " report another configuration than the committed " + view.configVersion()
              + "; waiting until every server has it"));
    }
    return Optional.empty();
  }

  /** Before a reconfig is sent (again) for a recorded step: the same gate, keeping the step. */
  static Optional<Plan> forReconfig(ScalingStep step, EnsembleView view) {
    if (!view.statusCurrent()) {
      return Optional.of(Plan.await(step, Plan.phaseOf(step), null, "WaitingForWorkload",
          "the workload controller has not published the status of generation " + view.generation() + " of "
              + view.cluster() + " yet"));
    }
    Optional<Plan> health = health(step, view, step, null);
    if (health.isPresent()) {
      return health;
    }
    List<Integer> behind = view.podsOnOtherConfig();
    if (!behind.isEmpty()) {
      return Optional.of(Plan.await(step, Plan.phaseOf(step), null, "ConfigSpreading", pods(behind, view)
          + " report another configuration than the committed " + view.configVersion()
          + "; waiting until every server has it"));
    }
    if (step.action() == Action.AddVoter && !view.synced(step.serverId())) {
      return Optional.of(Plan.await(step, Plan.phaseOf(step), null, "JoinerNotSynced", step.pod()
          + " is not ready and synced with configuration " + view.configVersion() + "; it is added once it is"));
    }
    return Optional.empty();
  }

  /**
   * @param keep the step to leave in status when blocked: the recorded one (it may have been taken), or null for a
   *     new step (it was not)
   */
  private static Optional<Plan> health(ScalingStep step, EnsembleView view, ScalingStep keep, ScalingStep completed) {
    String intent = ScalingPlanner.describe(step);
    if (!view.quorumAvailable()) {
      return Optional.of(Plan.blocked(keep, completed, "NoQuorum", "the ensemble " + view.cluster()
          + " has no quorum; will not " + intent + " until it has"));
    }
    List<Integer> down = view.votersNotReady();
    if (!down.isEmpty()) {
      return Optional.of(Plan.blocked(keep, completed, "VoterNotReady", "voter " + pods(down, view)
          + " not ready; will not " + intent + " while a voter is down"));
    }
    return Optional.empty();
  }

  private static String pods(List<Integer> ids, EnsembleView view) {
    return ids.stream().map(id -> view.pod(id) + " (server " + id + ")").collect(Collectors.joining(", "))
        + (ids.size() == 1 ? " is" : " are");
  }
}
