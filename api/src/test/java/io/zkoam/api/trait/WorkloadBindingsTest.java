package io.zkoam.api.trait;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalerTraitSpec;
import io.zkoam.api.v1alpha1.WorkloadRef;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadBindingsTest {

  private static ScalerTrait scaler(String name, String created, WorkloadRef ref) {
    ScalerTrait trait = new ScalerTrait();
    trait.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withCreationTimestamp(created)
        .build());
    trait.setSpec(new ScalerTraitSpec(ref, 3, null, null));
    return trait;
  }

  private static ZooKeeperCluster cluster(String name) {
    ZooKeeperCluster zk = new ZooKeeperCluster();
    zk.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
    return zk;
  }

  @Test
  void boundWhenAloneOnAnExistingCluster() {
    ScalerTrait t = scaler("a", "2026-01-01T00:00:00Z", WorkloadRef.to("zk"));
    assertThat(WorkloadBindings.resolve(t, cluster("zk"), List.of(t))).isInstanceOf(WorkloadBinding.Bound.class);
  }

  @Test
  void missingRefWrongKindAndMissingWorkloadAreReported() {
    ScalerTrait noRef = scaler("a", null, null);
    ScalerTrait wrongKind = scaler("b", null, new WorkloadRef(null, "Deployment", "zk"));
    ScalerTrait missing = scaler("c", null, WorkloadRef.to("zk"));
    assertThat(WorkloadBindings.resolve(noRef, null, List.of()))
        .isEqualTo(unbound(WorkloadBinding.MISSING_REF, noRef, null));
    assertThat(((WorkloadBinding.Unbound) WorkloadBindings.resolve(wrongKind, cluster("zk"), List.of())).reason())
        .isEqualTo(WorkloadBinding.WRONG_KIND);
    WorkloadBinding.Unbound notFound = (WorkloadBinding.Unbound) WorkloadBindings.resolve(missing, null, List.of());
    assertThat(notFound.reason()).isEqualTo(WorkloadBinding.NOT_FOUND);
    assertThat(notFound.message()).contains("zk", "ns");
  }

  @Test
  void olderTraitWinsAndTheNewerReportsConflict() {
    ScalerTrait older = scaler("older", "2026-01-01T00:00:00Z", WorkloadRef.to("zk"));
    ScalerTrait newer = scaler("newer", "2026-01-02T00:00:00Z", WorkloadRef.to("zk"));
    ScalerTrait elsewhere = scaler("aaa", "2025-01-01T00:00:00Z", WorkloadRef.to("other"));
    List<ScalerTrait> all = List.of(newer, older, elsewhere);
    assertThat(WorkloadBindings.resolve(older, cluster("zk"), all)).isInstanceOf(WorkloadBinding.Bound.class);
    WorkloadBinding.Unbound conflict = (WorkloadBinding.Unbound) WorkloadBindings.resolve(newer, cluster("zk"), all);
    assertThat(conflict.reason()).isEqualTo(WorkloadBinding.CONFLICT);
    assertThat(conflict.message()).contains("older");
  }

  @Test
  void sameCreationTimeIsDecidedByName() {
    ScalerTrait a = scaler("a", "2026-01-01T00:00:00Z", WorkloadRef.to("zk"));
    ScalerTrait b = scaler("b", "2026-01-01T00:00:00Z", WorkloadRef.to("zk"));
    assertThat(WorkloadBindings.resolve(a, cluster("zk"), List.of(b, a))).isInstanceOf(WorkloadBinding.Bound.class);
    assertThat(WorkloadBindings.resolve(b, cluster("zk"), List.of(a, b))).isInstanceOf(WorkloadBinding.Unbound.class);
  }

  private static WorkloadBinding.Unbound unbound(String reason, ScalerTrait t, ZooKeeperCluster zk) {
    return new WorkloadBinding.Unbound(reason, ((WorkloadBinding.Unbound) WorkloadBindings.resolve(t, zk, List.of()))
        .message());
  }
}
