package io.zkoam.monitoring.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.trait.TraitConditions;
import io.zkoam.api.trait.WorkloadBinding;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.MonitoringTraitStatus;
import io.zkoam.api.v1alpha1.MonitoringTraitStatus.Phase;
import io.zkoam.monitoring.apply.MonitoringApplier;
import io.zkoam.monitoring.render.DesiredMonitoring;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Pure: the status to publish after a reconcile. Same inputs, same status. */
public final class MonitoringStatusModel {
  public static final String APPLIED = "Applied";
  public static final String OPERATOR_MISSING = "PrometheusOperatorMissing";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String NOT_OWNED = "ObjectNotOwned";
  public static final String APPLY_FAILED = "ApplyFailed";

  private MonitoringStatusModel() {}

  /** The spec cannot be rendered: nothing was changed. */
  public static MonitoringTraitStatus forInvalid(MonitoringTrait trait, String cluster, DesiredMonitoring desired,
      Instant now) {
    String message = String.join("; ", desired.problems());
    MonitoringTraitStatus b = trait.getStatus();
    return new MonitoringTraitStatus(generation(trait), Phase.Failed, b == null ? null : b.monitor(),
        b == null ? null : b.prometheusRule(), b == null ? null : b.alertmanagerConfig(),
        b == null ? null : b.dashboard(), b == null ? null : b.alertCount(),
        conditions(trait, cluster, false, true, INVALID_SPEC, message, now));
  }

  public static MonitoringTraitStatus forResult(MonitoringTrait trait, String cluster, DesiredMonitoring desired,
      MonitoringApplier.Result result, Instant now) {
    boolean missing = !result.missingApis().isEmpty();
    boolean notOwned = !result.notOwned().isEmpty();
    String reason;
    String message;
    Phase phase;
    if (!result.failed().isEmpty()) {
      phase = Phase.Failed;
      reason = APPLY_FAILED;
      message = "the API server refused: " + String.join("; ", result.failed()) + "; retried at every retry";
    } else if (notOwned) {
      phase = Phase.Failed;
      reason = NOT_OWNED;
      message = "not changed because another owner has them: " + String.join(", ", result.notOwned())
          + "; delete or rename them";
    } else if (missing) {
      phase = Phase.Pending;
      reason = OPERATOR_MISSING;
      message = "prometheus-operator's CRDs are not installed (" + String.join(", ", result.missingApis())
          + "); asked again at every retry (1m by default)" + (result.dashboard() != null ? "; the dashboard exists" : "");
    } else {
      phase = Phase.Ready;
      reason = APPLIED;
      message = describe(result, desired);
    }
    boolean ready = phase == Phase.Ready;
    return new MonitoringTraitStatus(generation(trait), phase, result.monitor(), result.rules(), result.routing(),
        result.dashboard(), result.rules() == null ? null : desired.alertCount(),
        conditions(trait, cluster, ready, !ready, reason, message, now));
  }

  /** A trait that may not act keeps the names it recorded; its conditions say why. */
  public static MonitoringTraitStatus forUnbound(MonitoringTrait trait, WorkloadBinding.Unbound why, Instant now) {
    MonitoringTraitStatus b = trait.getStatus();
    Phase phase = WorkloadBinding.NOT_FOUND.equals(why.reason()) ? Phase.Pending : Phase.Failed;
    return new MonitoringTraitStatus(generation(trait), phase, b == null ? null : b.monitor(),
        b == null ? null : b.prometheusRule(), b == null ? null : b.alertmanagerConfig(),
        b == null ? null : b.dashboard(), b == null ? null : b.alertCount(),
        Conditions.setAll(previous(trait), TraitConditions.notActing(MonitoringTrait.KIND, why, generation(trait)),
            now));
  }

  /** The Ready condition's reason, for telling a new problem from one already reported. */
  public static String readyReason(MonitoringTraitStatus status) {
    return status == null ? null : Conditions.find(status.conditions(), ConditionTypes.READY)
        .map(Condition::getReason).orElse(null);
  }

  private static String describe(MonitoringApplier.Result result, DesiredMonitoring desired) {
    List<String> parts = new ArrayList<>();
    parts.add(desired.monitor().getKind() + " " + result.monitor());
    if (result.rules() != null) {
      parts.add("PrometheusRule " + result.rules() + " (" + desired.alertCount() + " alerts)");
    }
    if (result.extraRules() != null) {
      parts.add("PrometheusRule " + result.extraRules() + " (extra rules)");
    }
    if (result.routing() != null) {
      parts.add("AlertmanagerConfig " + result.routing());
    }
    if (result.dashboard() != null) {
      parts.add("dashboard ConfigMap " + result.dashboard());
    }
    return String.join(", ", parts);
  }

  private static List<Condition> conditions(MonitoringTrait trait, String cluster, boolean ready, boolean blocked,
      String reason, String message, Instant now) {
    return Conditions.setAll(previous(trait), TraitConditions.acting(MonitoringTrait.KIND, "monitoring", cluster,
        ready, blocked, reason, message, generation(trait)), now);
  }

  private static List<Condition> previous(MonitoringTrait trait) {
    return trait.getStatus() == null ? List.of() : trait.getStatus().conditions();
  }

  private static Long generation(MonitoringTrait trait) {
    return trait.getMetadata().getGeneration();
  }
}
