package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Every object the workload controller wants for one cluster (the Secret is handled apart: created once). */
public record DesiredChildren(
    ConfigMap configMap,
    Service headlessService,
    Service clientService,
    StatefulSet statefulSet,
    PodDisruptionBudget disruptionBudget,
    String configHash) {

  /** The pure step of a reconcile: from the inputs and the live StatefulSet to the full desired state. */
  public static DesiredChildren of(ClusterInputs in, StatefulSet liveStatefulSet) {
    String hash = ConfigMapModel.configHash(in);
    int replicas = ReplicaGuard.statefulSetReplicas(in.spec().replicas(), in.membership());
    return new DesiredChildren(
        ConfigMapModel.build(in),
        ServiceModels.headless(in),
        ServiceModels.client(in),
        StatefulSetModel.build(in, hash, replicas, liveStatefulSet),
        DisruptionBudgetModel.build(in),
        hash);
  }
}
