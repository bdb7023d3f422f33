package io.zkoam.scaler.act;

import io.zkoam.api.v1alpha1.ScalingStep;

/** What became of a step's action. */
public sealed interface ActionOutcome {

  /** The action was taken; {@code step} carries what it returned (the reconfig's version). */
  record Taken(ScalingStep step) implements ActionOutcome {}

  /** Not taken for a passing reason (agent busy, leader hand-off, joiner not synced yet): try again shortly. */
  record Retry(String reason, String message) implements ActionOutcome {}

  /** Not taken, and repeating it will not help until something is fixed (auth, ZooKeeper refuses the change). */
  record Refused(String reason, String message) implements ActionOutcome {}

  /** Membership changed under the step (someone else's reconfig won the version check): plan afresh. */
  record Superseded(String message) implements ActionOutcome {}
}
