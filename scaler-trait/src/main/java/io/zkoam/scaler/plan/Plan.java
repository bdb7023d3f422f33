package io.zkoam.scaler.plan;

import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ScalingStep;

/**
 * The planner's decision for one reconcile.
 *
 * @param kind what the reconciler does now
 * @param phase the phase to publish
 * @param step the step to have in status (the one to take, repeat or wait for), null when none is in flight
 * @param completed a recorded step this look found finished, for its event; null otherwise
 * @param reason CamelCase reason for the conditions
 * @param message what a user reads in the conditions
 */
public record Plan(Kind kind, Phase phase, ScalingStep step, ScalingStep completed, String reason, String message) {

  public enum Kind {
    /** Membership and pods are what the spec asks; nothing to do. */
    Idle,
    /** Take the step's action (a step not yet in status is recorded first); repeating it is safe. */
    Act,
    /** The step was taken, or the ensemble is settling before the next one; wait for the world to show it. */
    Wait,
    /** Nothing may be done: a gate failed, a step timed out, or the spec is refused. */
    Blocked
  }

  static Plan idle(ScalingStep completed, int voters) {
    return new Plan(Kind.Idle, Phase.Idle, null, completed, "TargetReached",
        voters + " voting member" + (voters == 1 ? "" : "s") + ", as the spec asks");
  }

  static Plan act(ScalingStep step, ScalingStep completed, String message) {
    return new Plan(Kind.Act, phaseOf(step), step, completed, step.action().name(), message);
  }

  static Plan await(ScalingStep step, Phase phase, ScalingStep completed, String reason, String message) {
    return new Plan(Kind.Wait, phase, step, completed, reason, message);
  }

  static Plan blocked(ScalingStep step, ScalingStep completed, String reason, String message) {
    return new Plan(Kind.Blocked, Phase.Blocked, step, completed, reason, message);
  }

  static Phase phaseOf(ScalingStep step) {
    return switch (step.action()) {
      case AddPod, AddVoter -> Phase.ScalingUp;
      case RemoveVoter, RemovePod -> Phase.ScalingDown;
    };
  }

  /** The same decision with another message (e.g. why a taken action has to be repeated). */
  public Plan withOutcome(Kind newKind, String newReason, String newMessage) {
    Phase newPhase = newKind == Kind.Blocked ? Phase.Blocked : newKind == Kind.Idle ? Phase.Idle : phase;
    return new Plan(newKind, newPhase, step, completed, newReason, newMessage);
  }

  /** The same decision once the finished step's event was recorded. */
  public Plan withoutCompleted() {
    return new Plan(kind, phase, step, null, reason, message);
  }

  /** The same decision with the recorded step replaced (marked as taken, or dropped). */
  public Plan withStep(ScalingStep newStep) {
    return new Plan(kind, phase, newStep, completed, reason, message);
  }
}
