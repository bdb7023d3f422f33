package io.zkoam.api.trait;

import io.fabric8.kubernetes.api.model.Condition;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import java.util.List;

/** The four conditions every trait publishes (Ready, Blocked, WorkloadFound, Conflict), spelled alike by all. */
public final class TraitConditions {
  private TraitConditions() {}

  /**
   * A trait bound to its workload.
   *
   * @param kind the trait's kind, e.g. ScalerTrait
   * @param noun what it is called in messages, e.g. scaler (reason SoleScaler, "nothing blocks the scaler")
   */
  public static List<Condition> acting(String kind, String noun, String cluster, boolean ready, boolean blocked,
      String reason, String message, Long generation) {
    String sole = "Sole" + Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    return List.of(
        Conditions.of(ConditionTypes.READY, ready, reason, message, generation),
        Conditions.of(ConditionTypes.BLOCKED, blocked, blocked ? reason : "NotBlocked",
            blocked ? message : "nothing blocks the " + noun, generation),
        Conditions.of(ConditionTypes.WORKLOAD_FOUND, true, "Found", "ZooKeeperCluster " + cluster + " found",
            generation),
        Conditions.of(ConditionTypes.CONFLICT, false, sole, "the only " + kind + " acting on " + cluster,
            generation));
  }

  /** A trait that may not act: no workload, a wrong kind, or a senior trait of its kind on the workload. */
  public static List<Condition> notActing(String kind, WorkloadBinding.Unbound why, Long generation) {
    boolean conflict = WorkloadBinding.CONFLICT.equals(why.reason());
    return List.of(
        Conditions.of(ConditionTypes.READY, false, why.reason(), why.message(), generation),
        Conditions.of(ConditionTypes.BLOCKED, true, why.reason(), why.message(), generation),
        Conditions.of(ConditionTypes.WORKLOAD_FOUND, conflict, conflict ? "Found" : why.reason(),
            conflict ? "the workload exists" : why.message(), generation),
        Conditions.of(ConditionTypes.CONFLICT, conflict, conflict ? why.reason() : "NoConflict",
            conflict ? why.message() : "no other " + kind + " acts on the workload", generation));
  }
}
