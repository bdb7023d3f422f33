package io.zkoam.rollout.plan;

import io.zkoam.api.trait.Durations;
import io.zkoam.api.v1alpha1.RolloutTraitSpec;
import java.util.Optional;

/**
 * The CRD refuses most bad specs already; the controller checks again (the embedded API validates nothing) and adds
 * what only the workload can tell: maxUnavailable above what keeps a quorum of its voters.
 */
final class RolloutSpecCheck {
  private RolloutSpecCheck() {}

  static Optional<String> problem(RolloutTraitSpec spec, RolloutView view) {
    if (spec == null) {
      return Optional.of("spec is missing");
    }
    if (spec.partition() < 0) {
      return Optional.of("spec.partition is " + spec.partition() + "; it must be 0 or more");
    }
    if (spec.maxUnavailable() < 1) {
      return Optional.of("spec.maxUnavailable is " + spec.maxUnavailable() + "; it must be at least 1");
    }
    int voters = view.voters().size();
    int allowed = Math.max(1, (voters - 1) / 2);
    if (voters > 0 && spec.maxUnavailable() > allowed) {
      return Optional.of("spec.maxUnavailable is " + spec.maxUnavailable() + " but " + view.cluster() + " has "
          + voters + " voters: at most " + allowed + " may be away while a quorum of " + (voters / 2 + 1)
          + " serves");
    }
    for (String[] duration : new String[][] {{"podReadyTimeout", spec.podReadyTimeout()},
        {"pauseBetweenPods", spec.pauseBetweenPods()}}) {
      try {
        if (duration[0].equals("podReadyTimeout") && Durations.parse(duration[1]).isZero()) {
          return Optional.of("spec.podReadyTimeout must be longer than 0");
        }
        Durations.parse(duration[1]);
      } catch (IllegalArgumentException e) {
        return Optional.of("spec." + duration[0] + ": " + e.getMessage());
      }
    }
    if (spec.restartAt() != null && RolloutView.instant(spec.restartAt()) == null) {
      return Optional.of("spec.restartAt is not an RFC 3339 time: " + spec.restartAt());
    }
    return Optional.empty();
  }
}
