package io.zkoam.rollout.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.trait.TraitConditions;
import io.zkoam.api.trait.WorkloadBinding;
import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.RolloutTraitStatus;
import io.zkoam.api.v1alpha1.RolloutTraitStatus.Phase;
import io.zkoam.rollout.plan.RolloutPlan;
import io.zkoam.rollout.plan.RolloutView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Pure: the status to publish for a plan (or for a trait that may not act). Same inputs, same status. */
public final class RolloutStatusModel {
  private RolloutStatusModel() {}

  public static RolloutTraitStatus forPlan(RolloutTrait trait, RolloutPlan plan, RolloutView view, Instant now) {
    Long generation = trait.getMetadata().getGeneration();
    RolloutTraitStatus before = trait.getStatus();
    boolean done = plan.kind() == RolloutPlan.Kind.Done;
    boolean blocked = plan.kind() == RolloutPlan.Kind.Blocked;
    List<Condition> desired = TraitConditions.acting(RolloutTrait.KIND, "rollout", view.cluster(), done, blocked,
        plan.reason(), plan.message(), generation);
    // A rollout starts when pods begin to restart after a finished one, or when the target revision changes.
    boolean restarted = before != null && (before.phase() == Phase.Complete || before.phase() == Phase.Idle)
        && plan.phase() == Phase.Rolling;
    boolean sameRollout = before != null && !restarted
        && Objects.equals(before.targetRevision(), view.updateRevision());
    String previousLeader = before == null ? null : before.observedLeader();
    int elections = (sameRollout && before.leaderElections() != null ? before.leaderElections() : 0)
        + (sameRollout && previousLeader != null && view.leader() != null && !previousLeader.equals(view.leader())
            ? 1 : 0);
    return new RolloutTraitStatus(generation, plan.phase(), view.updateRevision(), plan.order(),
        plan.steps().stream().map(RolloutStep::pod).toList(), plan.steps(), plan.updated(), plan.total(),
        elections, view.leader() != null ? view.leader() : previousLeader, plan.lastPodReadyAt(),
        plan.restartAtApplied(), Conditions.setAll(previous(trait), desired, now));
  }

  /** A trait that may not act keeps what it recorded; only its conditions say why. */
  public static RolloutTraitStatus forUnbound(RolloutTrait trait, WorkloadBinding.Unbound why, Instant now) {
    Long generation = trait.getMetadata().getGeneration();
    List<Condition> desired = TraitConditions.notActing(RolloutTrait.KIND, why, generation);
    RolloutTraitStatus b = trait.getStatus();
    return new RolloutTraitStatus(generation, Phase.Blocked, b == null ? null : b.targetRevision(),
        b == null ? null : b.updateOrder(), b == null ? null : b.currentPods(), b == null ? null : b.steps(),
        b == null ? null : b.updatedReplicas(), b == null ? null : b.totalReplicas(),
        b == null ? null : b.leaderElections(), b == null ? null : b.observedLeader(),
        b == null ? null : b.lastPodReadyAt(), b == null ? null : b.restartAtApplied(),
        Conditions.setAll(previous(trait), desired, now));
  }

  private static List<Condition> previous(RolloutTrait trait) {
    return trait.getStatus() == null ? List.of() : trait.getStatus().conditions();
  }
}
