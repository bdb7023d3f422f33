package io.zkoam.rollout.plan;

import io.zkoam.api.v1alpha1.RolloutTraitSpec;
import io.zkoam.rollout.plan.RolloutView.PodState;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Before a pod is deleted: the ensemble has a quorum, and keeps one without that pod; and no more pods are away than
 * maxUnavailable (a pod that does not serve, or a voter whose pod is missing, is away already; restarting a pod that
 * does not serve costs nothing).
 */
final class RolloutGate {
  private RolloutGate() {}

  /** Why a pod may not be deleted now, as a condition's reason and message. */
  record Refusal(String reason, String message) {}

  /** Why {@code next} may not be deleted now; empty when it may. */
  static Optional<Refusal> refuses(PodState next, RolloutView view, RolloutTraitSpec spec, Set<String> inFlight) {
    boolean soleVoter = view.voters().size() == 1;
    if (!view.quorumAvailable() && !soleVoter) {
      return Optional.of(new Refusal("NoQuorum", "the ensemble " + view.cluster() + " has no quorum; no pod is "
          + "restarted until it has"));
    }
    boolean costs = view.serving(next);
    long away = view.pods().values().stream().filter(p -> inFlight.contains(p.name()) || !view.serving(p)).count()
        + view.voters().stream().filter(id -> view.pods().values().stream().noneMatch(p -> p.serverId() == id))
            .count();
    if (costs && away + 1 > spec.maxUnavailable()) {
      return Optional.of(new Refusal("TooManyUnavailable", away + " pod(s) do not serve; restarting " + next.name()
          + " would exceed maxUnavailable " + spec.maxUnavailable()));
    }
    if (costs && view.isVoter(next) && !soleVoter) {
      Set<String> without = new HashSet<>(inFlight);
      without.add(next.name());
      long left = view.servingVoters(without);
      if (left < view.quorum()) {
        return Optional.of(new Refusal("QuorumAtRisk", "without " + next.name() + " " + left + " voter(s) would "
            + "serve, fewer than the quorum of " + view.quorum()));
      }
    }
    return Optional.empty();
  }
}
