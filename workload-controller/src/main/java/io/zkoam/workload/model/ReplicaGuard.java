package io.zkoam.workload.model;

/**
 * The workload never lets the StatefulSet drop a pod that is still a voting member: with Parallel pod management a
 * lower replica count deletes the highest ordinals at once, and deleting voters can lose quorum for good
 * (bitnami/charts#4614). The ScalerTrait removes a voter by reconfig first; only then may the count go down.
 */
public final class ReplicaGuard {
  private ReplicaGuard() {}

  /** Pods the StatefulSet must run. */
  public static int statefulSetReplicas(int specReplicas, Membership membership) {
    return Math.max(specReplicas, membership.highestVoterOrdinal() + 1);
  }

  /** Whether the spec asks for fewer pods than the voters need (the ScaleDownBlocked condition). */
  public static boolean scaleDownBlocked(int specReplicas, Membership membership) {
    return statefulSetReplicas(specReplicas, membership) > specReplicas;
  }
}
