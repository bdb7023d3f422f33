package io.zkoam.api.trait;

import io.zkoam.api.v1alpha1.Trait;
import io.zkoam.api.v1alpha1.WorkloadRef;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, without any API call, whether a trait may act on its workload. Two traits of one kind on one workload
 * would fight, so the oldest (by creation time, then name) wins and the others report {@code Conflict}.
 */
public final class WorkloadBindings {
  /** Oldest first; a trait without a creation time (not yet stored) sorts last. */
  static final Comparator<Trait> SENIORITY = Comparator
      .comparing((Trait t) -> Optional.ofNullable(t.getMetadata().getCreationTimestamp()).orElse("~"))
      .thenComparing(t -> t.getMetadata().getName());

  private WorkloadBindings() {}

  /**
   * @param trait the trait being reconciled
   * @param workload the object found under {@code workloadRef.name} in the trait's namespace, or null
   * @param sameKindTraits all traits of the trait's kind in its namespace (it may include {@code trait} itself)
   */
  public static WorkloadBinding resolve(
      Trait trait, ZooKeeperCluster workload, Collection<? extends Trait> sameKindTraits) {
    WorkloadRef ref = trait.workloadRef();
    if (ref == null || ref.name() == null || ref.name().isBlank()) {
      return new WorkloadBinding.Unbound(WorkloadBinding.MISSING_REF,
          "spec.workloadRef.name is required: name the ZooKeeperCluster this " + trait.getKind() + " acts on");
    }
    if (!ZooKeeperCluster.KIND.equals(ref.kind())) {
      return new WorkloadBinding.Unbound(WorkloadBinding.WRONG_KIND,
          "spec.workloadRef.kind is '" + ref.kind() + "'; a " + trait.getKind() + " acts only on a ZooKeeperCluster");
    }
    if (workload == null || workload.getMetadata().getDeletionTimestamp() != null) {
      return new WorkloadBinding.Unbound(WorkloadBinding.NOT_FOUND,
          "ZooKeeperCluster " + ref.name() + " does not exist in namespace " + trait.getMetadata().getNamespace());
    }
    Optional<? extends Trait> senior = sameKindTraits.stream()
        .filter(t -> t.getMetadata().getDeletionTimestamp() == null)
        .filter(t -> t.workloadRef() != null && ref.name().equals(t.workloadRef().name()))
        .filter(t -> ZooKeeperCluster.KIND.equals(t.workloadRef().kind()))
        .min(SENIORITY);
    if (senior.isPresent() && !Objects.equals(senior.get().getMetadata().getName(), trait.getMetadata().getName())) {
      return new WorkloadBinding.Unbound(WorkloadBinding.CONFLICT,
          trait.getKind() + " " + senior.get().getMetadata().getName() + " already acts on ZooKeeperCluster "
              + ref.name() + "; delete one of the two");
    }
    return new WorkloadBinding.Bound(workload);
  }
}
