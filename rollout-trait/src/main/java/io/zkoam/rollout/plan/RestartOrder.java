package io.zkoam.rollout.plan;

import io.zkoam.api.v1alpha1.RolloutTraitSpec;
import io.zkoam.rollout.plan.RolloutView.PodState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which pods restart, in which order: pods that do not serve first (restarting them costs nothing), then followers,
 * observers and non-voting pods from the highest ordinal down, the leader last: it is restarted once, when everyone
 * else already runs the new revision, so a full rollout moves the leadership once.
 */
final class RestartOrder {
  private RestartOrder() {}

  static List<PodState> of(RolloutView view, RolloutTraitSpec spec, boolean restartDue, Set<String> inFlight) {
    Instant restartAt = restartDue ? RolloutView.instant(spec.restartAt()) : null;
    return view.pods().values().stream()
        .filter(p -> p.ordinal() >= spec.partition() && !p.terminating() && !inFlight.contains(p.name()))
        .filter(p -> !view.updateRevision().equals(p.revision())
            || (restartAt != null && p.created() != null && p.created().isBefore(restartAt)))
        .sorted(Comparator.comparing((PodState p) -> view.serving(p))
            .thenComparing(view::isLeader)
            .thenComparing(Comparator.comparingInt(PodState::ordinal).reversed()))
        .toList();
  }
}
