package io.zkoam.scaler.plan;

import io.zkoam.api.status.Conditions;
import io.zkoam.api.trait.Durations;
import io.zkoam.api.v1alpha1.ScalerTraitSpec;
import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Pure: from the spec, what is observed and the step recorded in status, to what to do now. One server at a time: a
 * recorded step is finished (or found superseded, or timed out) before another is planned, and every new step must
 * pass the gate (the workload's status is current, quorum holds, every voter is ready, every pod has the committed
 * configuration).
 *
 * <p>Order, when membership differs from voters {1..replicas}: stop the highest pod above the target once no member
 * is at or above it; remove a voter while there are more voters than wanted (highest id first); otherwise add the
 * lowest missing voter (its pod first, as a synced non-voting follower); then remove members above the target that
 * do not vote (observers, highest first). A scale-down thus goes voter 5, pod 5, voter 4, pod 4. Adding before removing keeps the voter count at or above the smaller of current and target while a
 * drifted membership is repaired.
 */
public final class ScalingPlanner {
  private ScalingPlanner() {}

  /**
   * @param spec the trait's spec
   * @param specChanged the spec changed since the status was last published (a timed-out step is then dropped)
   * @param view the workload as observed
   * @param recorded the step in the trait's status, or null
   * @param now the current time
   */
  public static Plan plan(ScalerTraitSpec spec, boolean specChanged, EnsembleView view, ScalingStep recorded,
      Instant now) {
    Optional<String> problem = TargetCheck.problem(spec);
    if (problem.isPresent()) {
      return Plan.blocked(recorded, null, TargetCheck.INVALID_SPEC, problem.get() + "; nothing is changed");
    }
    ScalingStep completed = null;
    if (recorded != null) {
      StepProgress progress = StepProgress.of(recorded, view);
      if (progress == StepProgress.DONE) {
        completed = recorded;
      } else if (progress == StepProgress.PENDING) {
        boolean timedOut = timedOut(recorded, Durations.parse(spec.stepTimeout()), now);
        // A reconfig never sent changed nothing: past its time it is planned afresh (and gated afresh) rather than
        // blocking for good. A step that was taken is waited for, or dropped when the spec changes.
        boolean neverTaken = isReconfig(recorded.action()) && recorded.configVersionAfter() == null;
        if (!timedOut || (!specChanged && !neverTaken)) {
          return continueStep(recorded, view, timedOut, spec.stepTimeout());
        }
      }
    }
    return nextStep(spec.replicas(), view, completed, now);
  }

  private static Plan continueStep(ScalingStep step, EnsembleView view, boolean timedOut, String timeout) {
    if (timedOut) {
      return Plan.blocked(step, null, "StepTimedOut", describe(step) + " did not finish within stepTimeout "
          + timeout + " (started " + step.startedAt() + "); nothing else is changed until it finishes or the spec "
          + "changes");
    }
    if (!StepProgress.needsAction(step, view)) {
      return Plan.await(step, Plan.phaseOf(step), null, "Waiting" + step.action().name(), waitingFor(step, view));
    }
    if (isReconfig(step.action())) {
      Optional<Plan> gate = Gate.forReconfig(step, view);
      if (gate.isPresent()) {
        return gate.get();
      }
    }
    return Plan.act(step, null, describe(step));
  }

  private static Plan nextStep(int target, EnsembleView view, ScalingStep completed, Instant now) {
    if (!view.formed()) {
      return Plan.await(null, Phase.Idle, completed, "EnsembleForming",
          "waiting for the workload controller to report the committed membership of " + view.cluster());
    }
    Optional<ScalingStep> next = choose(target, view, now);
    if (next.isEmpty()) {
      return Plan.idle(completed, view.voters().size());
    }
    ScalingStep step = next.get();
    Optional<Plan> gate = Gate.forNewStep(step, view, completed);
    return gate.orElseGet(() -> Plan.act(step, completed, describe(step)));
  }

  static Optional<ScalingStep> choose(int target, EnsembleView view, Instant now) {
    Set<Integer> voters = view.voters();
    Set<Integer> wanted = new TreeSet<>();
    for (int id = 1; id <= target; id++) {
      wanted.add(id);
    }
    if (view.specReplicas() > target && view.highestMember() < view.specReplicas()) {
      // The highest pod is no member and no member is above it: it goes before the next voter is removed, so a
      // scale-down is remove voter, stop its pod, remove the next voter, and so on. (With a member above it the
      // workload would keep the pod anyway: that member is removed first.)
      return Optional.of(step(Action.RemovePod, view.specReplicas(), view, now));
    }
    if (voters.size() > target) {
      int highest = voters.stream().filter(id -> !wanted.contains(id)).max(Integer::compare).orElseThrow();
      return Optional.of(step(Action.RemoveVoter, highest, view, now));
    }
    Optional<Integer> missing = wanted.stream().filter(id -> !voters.contains(id)).findFirst();
    if (missing.isPresent()) {
      int id = missing.get();
      boolean joinerReady = view.specReplicas() >= id && view.synced(id);
      return Optional.of(step(joinerReady ? Action.AddVoter : Action.AddPod, id, view, now));
    }
    Set<Integer> extraMembers = view.members().keySet().stream().filter(id -> !wanted.contains(id))
        .collect(Collectors.toCollection(TreeSet::new));
    if (!extraMembers.isEmpty()) {
      return Optional.of(step(Action.RemoveVoter, ((TreeSet<Integer>) extraMembers).last(), view, now));
    }
    if (view.specReplicas() < target) {
      // Voters run above spec.replicas (the workload keeps their pods): bring the count up to them.
      return Optional.of(step(Action.AddPod, target, view, now));
    }
    return Optional.empty();
  }

  private static ScalingStep step(Action action, int id, EnsembleView view, Instant now) {
    return new ScalingStep(action, id, view.pod(id), view.configVersion(), Conditions.timestamp(now), null);
  }

  static boolean isReconfig(Action action) {
    return action == Action.AddVoter || action == Action.RemoveVoter;
  }

  static boolean timedOut(ScalingStep step, Duration timeout, Instant now) {
    try {
      return step.startedAt() != null && Instant.parse(step.startedAt()).plus(timeout).isBefore(now);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** "add server 4 (zk-3) as a voter", for conditions and events. */
  public static String describe(ScalingStep step) {
    String server = "server " + step.serverId() + " (" + step.pod() + ")";
    return switch (step.action()) {
      case AddPod -> "start " + server + " as a non-voting follower";
      case AddVoter -> "add " + server + " as a voter";
      case RemoveVoter -> "remove " + server + " from the ensemble";
      case RemovePod -> "stop " + server + "'s pod";
    };
  }

  /** What a taken step waits for, for the Ready condition's message. */
  public static String waitingFor(ScalingStep step, EnsembleView view) {
    return switch (step.action()) {
      case AddPod -> "waiting for " + step.pod() + " to be ready and synced with configuration "
          + view.configVersion();
      case AddVoter -> "reconfig returned version " + step.configVersionAfter() + "; waiting for the workload status "
          + "to list server " + step.serverId() + " as a voter";
      case RemoveVoter -> "reconfig returned version " + step.configVersionAfter() + "; waiting for the workload "
          + "status to drop server " + step.serverId();
      case RemovePod -> "waiting for " + step.pod() + " to be gone";
    };
  }
}
