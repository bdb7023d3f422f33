package io.zkoam.scaler;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scaler reacts to its workload's status and to its pods: a ZooKeeperCluster or Pod event wakes every ScalerTrait
 * in the namespace whose workloadRef names that cluster. Pods are watched only with the workload controller's label,
 * so the scaler neither caches nor needs to see unrelated pods.
 */
final class ScalerEventSources {
  static final String MANAGED_PODS = ClusterLabels.MANAGED_BY + "=" + ClusterLabels.WORKLOAD_MANAGER;

  private final InformerEventSource<ZooKeeperCluster, ScalerTrait> workloads;
  private final InformerEventSource<Pod, ScalerTrait> pods;

  ScalerEventSources(EventSourceContext<ScalerTrait> context) {
    workloads = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(ZooKeeperCluster.class, ScalerTrait.class)
        .withSecondaryToPrimaryMapper(zk -> tracesOf(context, zk.getMetadata().getNamespace(),
            zk.getMetadata().getName()))
        .withPrimaryToSecondaryMapper((ScalerTrait trait) -> workloadId(trait).map(Set::of).orElse(Set.of()))
        .build(), context);
    pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ScalerTrait.class)
        .withLabelSelector(MANAGED_PODS)
        .withSecondaryToPrimaryMapper(pod -> {
          String cluster = pod.getMetadata().getLabels() == null ? null
              : pod.getMetadata().getLabels().get(ClusterLabels.INSTANCE);
          return cluster == null ? Set.of() : tracesOf(context, pod.getMetadata().getNamespace(), cluster);
        })
        .withPrimaryToSecondaryMapper((ScalerTrait trait) -> Set.of())
        .build(), context);
  }

  List<EventSource<?, ScalerTrait>> all() {
    return List.of(workloads, pods);
  }

  /** The workload the trait names, from the cache; null when it does not exist. */
  ZooKeeperCluster workload(ScalerTrait trait) {
    return workloadId(trait).flatMap(workloads::get).orElse(null);
  }

  /** The pods of a cluster, from the cache. */
  List<Pod> pods(ZooKeeperCluster zk) {
    String name = zk.getMetadata().getName();
    return pods.list(zk.getMetadata().getNamespace(), p -> p.getMetadata().getLabels() != null
        && name.equals(p.getMetadata().getLabels().get(ClusterLabels.INSTANCE))).toList();
  }

  private static Optional<ResourceID> workloadId(ScalerTrait trait) {
    return Optional.ofNullable(trait.workloadRef()).filter(r -> r.name() != null)
        .map(r -> new ResourceID(r.name(), trait.getMetadata().getNamespace()));
  }

  private static Set<ResourceID> tracesOf(EventSourceContext<ScalerTrait> context, String namespace, String cluster) {
    return context.getPrimaryCache().list(namespace)
        .filter(t -> t.workloadRef() != null && cluster.equals(t.workloadRef().name()))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
