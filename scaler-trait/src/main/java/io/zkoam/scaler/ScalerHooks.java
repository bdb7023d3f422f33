package io.zkoam.scaler;

import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalingStep;

/**
 * Points in a reconcile where a test can stop the controller as a crash would: right after a step was recorded in
 * status (its action not yet taken) and right after the action was taken (its result not yet recorded). A hook that
 * throws ends the reconcile there, with nothing after it done. Production runs {@link #NONE}.
 */
public interface ScalerHooks {
  ScalerHooks NONE = new ScalerHooks() { };

  /** At the start of every reconcile: a controller that "crashed" refuses to go on (it is about to be replaced). */
  default void reconciling(ScalerTrait trait) { }

  default void stepRecorded(ScalerTrait trait, ScalingStep step) { }

  default void actionTaken(ScalerTrait trait, ScalingStep step) { }
}
