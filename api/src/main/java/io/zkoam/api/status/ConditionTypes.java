package io.zkoam.api.status;

/** Condition types and reasons shared by the workload and its traits, so every controller spells them alike. */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String QUORUM_AVAILABLE = "QuorumAvailable";
  public static final String UPDATE_PENDING = "UpdatePending";
  public static final String SCALE_DOWN_BLOCKED = "ScaleDownBlocked";
  public static final String DEGRADED = "Degraded";
  /** Trait conditions. */
  public static final String WORKLOAD_FOUND = "WorkloadFound";
  public static final String CONFLICT = "Conflict";
  public static final String BLOCKED = "Blocked";

  private ConditionTypes() {}
}
