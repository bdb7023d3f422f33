package io.zkoam.workload;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.util.List;
import java.util.Set;

/**
 * Informers on everything a cluster consists of, narrowed by the managed-by label so the controller neither caches
 * nor needs permission to watch unrelated Secrets and Pods. Children map back by owner reference; pods (owned by the
 * StatefulSet) by their instance label; ScalerTraits (a trigger only) by their workloadRef.
 */
final class ClusterEventSources {
  static final String MANAGED = ClusterLabels.MANAGED_BY + "=" + ClusterLabels.WORKLOAD_MANAGER;

  private ClusterEventSources() {}

  static List<EventSource<?, ZooKeeperCluster>> create(EventSourceContext<ZooKeeperCluster> context) {
    return List.of(
        owned(StatefulSet.class, context),
        owned(ConfigMap.class, context),
        owned(Service.class, context),
        owned(PodDisruptionBudget.class, context),
        owned(Secret.class, context),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ZooKeeperCluster.class)
            .withLabelSelector(MANAGED)
            .withSecondaryToPrimaryMapper(ClusterEventSources::clusterOfPod)
            .build(), context),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(ScalerTrait.class, ZooKeeperCluster.class)
            .withSecondaryToPrimaryMapper(ClusterEventSources::clusterOfTrait)
            .build(), context));
  }

  private static <R extends HasMetadata> EventSource<R, ZooKeeperCluster> owned(
      Class<R> type, EventSourceContext<ZooKeeperCluster> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, ZooKeeperCluster.class)
        .withLabelSelector(MANAGED)
        .build(), context);
  }

  /**
   * A ScalerTrait's status changes right after it changed membership by reconfig, which no Kubernetes object shows:
   * looking at the cluster then publishes the new membership at once instead of at the next poll. Only a trigger;
   * nothing of the trait is read.
   */
  static Set<ResourceID> clusterOfTrait(ScalerTrait trait) {
    return trait.workloadRef() == null || trait.workloadRef().name() == null ? Set.of()
        : Set.of(new ResourceID(trait.workloadRef().name(), trait.getMetadata().getNamespace()));
  }

  static Set<ResourceID> clusterOfPod(Pod pod) {
    String cluster = pod.getMetadata().getLabels() == null ? null
        : pod.getMetadata().getLabels().get(ClusterLabels.INSTANCE);
    return cluster == null ? Set.of() : Set.of(new ResourceID(cluster, pod.getMetadata().getNamespace()));
  }
}
