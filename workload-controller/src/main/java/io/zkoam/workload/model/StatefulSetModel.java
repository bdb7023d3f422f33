package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;
import io.zkoam.api.v1alpha1.StorageSpec;
import java.util.List;

/**
 * The StatefulSet. {@code Parallel} pod management (quorum-aware readiness deadlocks under OrderedReady) and
 * {@code OnDelete} updates (nothing restarts here; the RolloutTrait decides which pod restarts when).
 */
public final class StatefulSetModel {
  private StatefulSetModel() {}

  /**
   * @param replicas pods to run, from {@link ReplicaGuard} (never fewer than the highest voter needs)
   * @param live the existing StatefulSet or null; its immutable fields (selector, serviceName, pod management,
   *     volume claim templates) are kept as they are, so a spec change never asks the API server for the impossible
   */
  public static StatefulSet build(ClusterInputs in, String configHash, int replicas, StatefulSet live) {
    StorageSpec storage = in.spec().storage();
    StatefulSet sts = new StatefulSetBuilder()
        .withMetadata(in.metadata(ClusterNames.statefulSet(in.name())))
        .withNewSpec()
        .withServiceName(ClusterNames.headlessService(in.name()))
        .withReplicas(replicas)
        .withPodManagementPolicy("Parallel")
        .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
        .withNewSelector().withMatchLabels(ClusterLabels.selector(in.name())).endSelector()
        .withTemplate(PodTemplateModel.build(in, configHash))
        .withVolumeClaimTemplates(storage.ephemeral() ? List.of() : List.of(claimTemplate(in)))
        .withNewPersistentVolumeClaimRetentionPolicy()
        .withWhenDeleted(storage.reclaimPolicy().whenDeleted().name())
        .withWhenScaled(storage.reclaimPolicy().whenScaled().name())
        .endPersistentVolumeClaimRetentionPolicy()
        .withRevisionHistoryLimit(10)
        .endSpec()
        .build();
    if (live != null && live.getSpec() != null) {
      StatefulSetSpec kept = live.getSpec();
      sts.getSpec().setSelector(kept.getSelector());
      sts.getSpec().setServiceName(kept.getServiceName());
      sts.getSpec().setPodManagementPolicy(kept.getPodManagementPolicy());
      sts.getSpec().setVolumeClaimTemplates(kept.getVolumeClaimTemplates());
    }
    return sts;
  }

  static PersistentVolumeClaim claimTemplate(ClusterInputs in) {
    StorageSpec storage = in.spec().storage();
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(PodLayout.DATA_VOLUME).withLabels(ClusterLabels.selector(in.name())).endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(storage.storageClassName())
        .withNewResources().addToRequests("storage", new Quantity(storage.size())).endResources()
        .endSpec()
        .build();
  }
}
