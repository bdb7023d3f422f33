package io.zkoam.workload;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.util.List;

/** The live children of one cluster, read from the informer caches (no API request). */
record ChildResources(ConfigMap configMap, Service headless, Service client, StatefulSet statefulSet,
    PodDisruptionBudget disruptionBudget, Secret authSecret, List<Pod> pods) {

  static ChildResources read(ZooKeeperCluster zk, Context<ZooKeeperCluster> context) {
    String name = zk.getMetadata().getName();
    return new ChildResources(
        named(context, ConfigMap.class, ClusterNames.configMap(name)),
        named(context, Service.class, ClusterNames.headlessService(name)),
        named(context, Service.class, ClusterNames.clientService(name)),
        named(context, StatefulSet.class, ClusterNames.statefulSet(name)),
        named(context, PodDisruptionBudget.class, ClusterNames.disruptionBudget(name)),
        named(context, Secret.class, ClusterNames.authSecret(name)),
        List.copyOf(context.getSecondaryResources(Pod.class)));
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T named(
      Context<ZooKeeperCluster> context, Class<T> type, String name) {
    return context.getSecondaryResourcesAsStream(type)
        .filter(r -> name.equals(r.getMetadata().getName()))
        .findFirst()
        .orElse(null);
  }
}
