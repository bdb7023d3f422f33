package io.zkoam.runtime.trait;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.v1alpha1.Trait;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a trait reacts to: its workload (the ZooKeeperCluster, whose status the workload controller publishes) and the
 * workload's pods. An event on either wakes every trait of this kind in the namespace whose workloadRef names that
 * cluster. Pods are watched only with the workload controller's label, so a trait neither caches nor needs to see
 * unrelated pods.
 */
public final class WorkloadEventSources<T extends CustomResource<?, ?> & Trait> {
  static final String MANAGED_PODS = ClusterLabels.MANAGED_BY + "=" + ClusterLabels.WORKLOAD_MANAGER;

  private final InformerEventSource<ZooKeeperCluster, T> workloads;
  private final InformerEventSource<Pod, T> pods;

  public WorkloadEventSources(EventSourceContext<T> context) {
    Class<T> traitType = context.getPrimaryResourceClass();
    workloads = new InformerEventSource<>(InformerEventSourceConfiguration.from(ZooKeeperCluster.class, traitType)
        .withSecondaryToPrimaryMapper(zk -> traitsOf(context, zk.getMetadata().getNamespace(),
            zk.getMetadata().getName()))
        .withPrimaryToSecondaryMapper((T trait) -> workloadId(trait).map(Set::of).orElse(Set.of()))
        .build(), context);
    pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, traitType)
        .withLabelSelector(MANAGED_PODS)
        .withSecondaryToPrimaryMapper(pod -> {
          String cluster = pod.getMetadata().getLabels() == null ? null
              : pod.getMetadata().getLabels().get(ClusterLabels.INSTANCE);
          return cluster == null ? Set.of() : traitsOf(context, pod.getMetadata().getNamespace(), cluster);
        })
        .withPrimaryToSecondaryMapper((T trait) -> Set.of())
        .build(), context);
  }

  public List<EventSource<?, T>> all() {
    return List.of(workloads, pods);
  }

  /** Only the workload, for a trait that never looks at pods (and so needs no permission on them). */
  public List<EventSource<?, T>> workloadOnly() {
    return List.of(workloads);
  }

  /** The workload the trait names, from the cache; null when it does not exist. */
  public ZooKeeperCluster workload(T trait) {
    return workloadId(trait).flatMap(workloads::get).orElse(null);
  }

  /** The pods of a cluster, from the cache. */
  public List<Pod> pods(ZooKeeperCluster zk) {
    String name = zk.getMetadata().getName();
    return pods.list(zk.getMetadata().getNamespace(), p -> p.getMetadata().getLabels() != null
        && name.equals(p.getMetadata().getLabels().get(ClusterLabels.INSTANCE))).toList();
  }

  private static Optional<ResourceID> workloadId(Trait trait) {
    return Optional.ofNullable(trait.workloadRef()).filter(r -> r.name() != null)
        .map(r -> new ResourceID(r.name(), trait.getMetadata().getNamespace()));
  }

  private static <T extends CustomResource<?, ?> & Trait> Set<ResourceID> traitsOf(EventSourceContext<T> context,
      String namespace, String cluster) {
    return context.getPrimaryCache().list(namespace)
        .filter(t -> t.workloadRef() != null && cluster.equals(t.workloadRef().name()))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
