package io.zkoam.scaler.plan;

import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.v1alpha1.ScalingStep;

/** How far a recorded step got, judged only from what is observed now (never from memory). */
enum StepProgress {
  /** Its effect is visible: the next step may follow. */
  DONE,
  /** Not visible yet: take or repeat it, or wait. */
  PENDING,
  /** Membership moved under it (a reconfig by someone else): it no longer means what it meant; plan afresh. */
  SUPERSEDED;

  static StepProgress of(ScalingStep step, EnsembleView view) {
    int id = step.serverId();
    return switch (step.action()) {
      case AddPod -> view.specReplicas() >= id && (view.synced(id) || view.isVoter(id)) ? DONE : PENDING;
      case AddVoter -> view.isVoter(id) ? DONE : reconfigPending(step, view);
      case RemoveVoter -> !view.isMember(id) ? DONE : reconfigPending(step, view);
      // A member again (someone re-added it): its pod must stay, so the step no longer holds.
      case RemovePod -> view.isMember(id) ? SUPERSEDED : view.specReplicas() <= ClusterNames.ordinalOfServer(id)
          && !view.podsPresent().contains(id) && !view.podsTerminating().contains(id) ? DONE : PENDING;
    };
  }

  /** Whether the step's action must be taken (again) rather than waited for. */
  static boolean needsAction(ScalingStep step, EnsembleView view) {
    int id = step.serverId();
    return switch (step.action()) {
      case AddPod -> view.specReplicas() < id;
      case RemovePod -> view.specReplicas() > ClusterNames.ordinalOfServer(id);
      case AddVoter, RemoveVoter -> step.configVersionAfter() == null;
    };
  }

  private static StepProgress reconfigPending(ScalingStep step, EnsembleView view) {
    if (view.configVersion() == null) {
      return PENDING;
    }
    long seen = hex(view.configVersion());
    if (step.configVersionAfter() == null) {
      // Not taken yet (or taken by a controller that died before recording it, in which case the change would show):
      // any other version means someone else changed membership since the step was planned.
      return step.configVersionBefore() != null && seen != hex(step.configVersionBefore()) ? SUPERSEDED : PENDING;
    }
    return seen > hex(step.configVersionAfter()) ? SUPERSEDED : PENDING;
  }

  static long hex(String version) {
    try {
      return Long.parseUnsignedLong(version, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
