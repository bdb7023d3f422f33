package io.zkoam.scaler.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.trait.TraitConditions;
import io.zkoam.api.trait.WorkloadBinding;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalerTraitStatus;
import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.scaler.plan.EnsembleView;
import io.zkoam.scaler.plan.Plan;
import java.time.Instant;
import java.util.List;

/** Pure: the status to publish for a plan (or for a trait that may not act). Same inputs, same status. */
public final class ScalerStatusModel {
  private ScalerStatusModel() {}

  public static ScalerTraitStatus forPlan(ScalerTrait trait, Plan plan, EnsembleView view, Instant now) {
    Long generation = trait.getMetadata().getGeneration();
    boolean idle = plan.kind() == Plan.Kind.Idle;
    boolean blocked = plan.kind() == Plan.Kind.Blocked;
    List<Condition> desired = TraitConditions.acting(ScalerTrait.KIND, "scaler", view.cluster(), idle, blocked,
        plan.reason(), plan.message(), generation);
    return new ScalerTraitStatus(generation, plan.phase(), view.formed() ? view.voters().size() : null,
        target(trait), plan.step(), Conditions.setAll(previous(trait), desired, now));
  }

  /** A trait that may not act (no workload, wrong kind, a senior trait): it keeps any recorded step untouched. */
  public static ScalerTraitStatus forUnbound(ScalerTrait trait, WorkloadBinding.Unbound why, Instant now) {
    Long generation = trait.getMetadata().getGeneration();
    List<Condition> desired = TraitConditions.notActing(ScalerTrait.KIND, why, generation);
    ScalerTraitStatus before = trait.getStatus();
    return new ScalerTraitStatus(generation, Phase.Blocked, before == null ? null : before.currentVoters(),
        target(trait), before == null ? null : before.step(), Conditions.setAll(previous(trait), desired, now));
  }

  private static Integer target(ScalerTrait trait) {
    return trait.getSpec() == null ? null : trait.getSpec().replicas();
  }

  private static List<Condition> previous(ScalerTrait trait) {
    return trait.getStatus() == null ? List.of() : trait.getStatus().conditions();
  }
}
