package io.zkoam.rollout;

import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.api.v1alpha1.RolloutTrait;

/**
 * Points where a test can stop the controller as a crash would: at the start of a reconcile (a crashed instance
 * refuses to go on) and right after a deletion was recorded in status, before the pod is deleted. A hook that throws
 * ends the reconcile there. Production runs {@link #NONE}.
 */
public interface RolloutHooks {
  RolloutHooks NONE = new RolloutHooks() { };

  default void reconciling(RolloutTrait trait) { }

  default void deletionRecorded(RolloutTrait trait, RolloutStep step) { }
}
