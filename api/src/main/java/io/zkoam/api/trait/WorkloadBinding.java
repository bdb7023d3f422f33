package io.zkoam.api.trait;

import io.zkoam.api.v1alpha1.ZooKeeperCluster;

/**
 * Outcome of resolving a trait's {@code spec.workloadRef}: either the workload it may act on, or the reason it may
 * not, ready to be published as a condition. Traits act only on {@link Bound}.
 */
public sealed interface WorkloadBinding {

  /** The trait is the one acting on this workload. */
  record Bound(ZooKeeperCluster workload) implements WorkloadBinding {}

  /** The trait must not act; {@code reason} is a CamelCase condition reason, {@code message} says what to do. */
  record Unbound(String reason, String message) implements WorkloadBinding {}

  String MISSING_REF = "WorkloadRefMissing";
  String WRONG_KIND = "WrongWorkloadKind";
  String NOT_FOUND = "WorkloadNotFound";
  String CONFLICT = "Conflict";
}
