package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.ClusterNames;

/**
 * PodDisruptionBudget with maxUnavailable 1: node drains evict one server at a time. It counts Ready pods, and
 * readiness means "serves", so it protects quorum. Plain pod deletions (the RolloutTrait's) bypass it by design.
 */
public final class DisruptionBudgetModel {
  private DisruptionBudgetModel() {}

  /** The budget, or null when the spec turns it off (the controller then deletes an existing one). */
  public static PodDisruptionBudget build(ClusterInputs in) {
    if (!in.spec().disruptionBudget().enabled()) {
      return null;
    }
    return new PodDisruptionBudgetBuilder()
        .withMetadata(in.metadata(ClusterNames.disruptionBudget(in.name())))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector().withMatchLabels(ClusterLabels.selector(in.name())).endSelector()
        .endSpec()
        .build();
  }
}
