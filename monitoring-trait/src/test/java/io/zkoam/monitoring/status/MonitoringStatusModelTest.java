package io.zkoam.monitoring.status;

import static io.zkoam.monitoring.MonitoringFixtures.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.trait.WorkloadBinding;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.MonitoringTraitStatus;
import io.zkoam.api.v1alpha1.MonitoringTraitStatus.Phase;
import io.zkoam.monitoring.apply.MonitoringApplier;
import io.zkoam.monitoring.render.DesiredMonitoring;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitoringStatusModelTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final String NS = "shop";
  private static final String UID = "8f0c7c2e-0000-4000-8000-000000000001";

  private static MonitoringTrait trait(String specYaml) {
    MonitoringTrait trait = io.zkoam.monitoring.MonitoringFixtures.trait(NS, "orders-monitoring", UID, "orders",
        specYaml);
    trait.getMetadata().setGeneration(4L);
    return trait;
  }

  private static DesiredMonitoring desired(MonitoringTrait trait) {
    return DesiredMonitoring.of(trait, cluster(NS, "orders", 3, null));
  }

  private static MonitoringApplier.Result applied(List<String> missing, List<String> notOwned, String monitor,
      String rules, String routing, String dashboard) {
    return new MonitoringApplier.Result(List.of(), missing, notOwned, List.of(), monitor, rules, null, routing,
        dashboard);
  }

  private static String condition(MonitoringTraitStatus status, String type) {
    return Conditions.find(status.conditions(), type).map(c -> c.getStatus() + "/" + c.getReason()).orElse(null);
  }

  private static String message(MonitoringTraitStatus status, String type) {
    return Conditions.find(status.conditions(), type).map(Condition::getMessage).orElseThrow();
  }

  @Test
  void everythingAppliedIsReady() {
    MonitoringTrait trait = trait("  dashboard:\n    enabled: true\n");
    DesiredMonitoring desired = desired(trait);
    MonitoringTraitStatus status = MonitoringStatusModel.forResult(trait, "orders", desired,
        applied(List.of(), List.of(), "orders-zookeeper", "orders-zookeeper-alerts", null,
            "orders-zookeeper-dashboard"), T0);
    assertThat(status.phase()).isEqualTo(Phase.Ready);
    assertThat(status.observedGeneration()).isEqualTo(4L);
    assertThat(status.monitor()).isEqualTo("orders-zookeeper");
    assertThat(status.prometheusRule()).isEqualTo("orders-zookeeper-alerts");
    assertThat(status.alertmanagerConfig()).isNull();
    assertThat(status.dashboard()).isEqualTo("orders-zookeeper-dashboard");
    assertThat(status.alertCount()).isEqualTo(25);
    assertThat(condition(status, ConditionTypes.READY)).isEqualTo("True/Applied");
    assertThat(condition(status, ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
    assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(condition(status, ConditionTypes.CONFLICT)).isEqualTo("False/SoleMonitoring");
    assertThat(message(status, ConditionTypes.READY)).isEqualTo("ServiceMonitor orders-zookeeper, "
        + "PrometheusRule orders-zookeeper-alerts (25 alerts), dashboard ConfigMap orders-zookeeper-dashboard");
    assertThat(status.conditions()).allSatisfy(c -> {
      assertThat(c.getObservedGeneration()).isEqualTo(4L);
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-02T03:04:05Z");
    });
    assertThat(MonitoringStatusModel.readyReason(status)).isEqualTo(MonitoringStatusModel.APPLIED);
  }

  @Test
  void withoutRulesThereIsNoAlertCount() {
    MonitoringTrait trait = trait("  rules:\n    enabled: false\n");
    MonitoringTraitStatus status = MonitoringStatusModel.forResult(trait, "orders", desired(trait),
        applied(List.of(), List.of(), "orders-zookeeper", null, null, null), T0);
    assertThat(status.phase()).isEqualTo(Phase.Ready);
    assertThat(status.prometheusRule()).isNull();
    assertThat(status.alertCount()).isNull();
    assertThat(message(status, ConditionTypes.READY)).isEqualTo("ServiceMonitor orders-zookeeper");
  }

  @Test
  void missingOperatorCrdsArePendingAndSayTheDashboardExists() {
    MonitoringTrait trait = trait("  dashboard:\n    enabled: true\n");
    MonitoringTraitStatus status = MonitoringStatusModel.forResult(trait, "orders", desired(trait),
        applied(List.of("servicemonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com"), List.of(),
            null, null, null, "orders-zookeeper-dashboard"), T0);
    assertThat(status.phase()).isEqualTo(Phase.Pending);
    assertThat(status.monitor()).isNull();
    assertThat(status.prometheusRule()).isNull();
    assertThat(status.alertCount()).isNull();
    assertThat(status.dashboard()).isEqualTo("orders-zookeeper-dashboard");
    assertThat(condition(status, ConditionTypes.READY)).isEqualTo("False/PrometheusOperatorMissing");
    assertThat(condition(status, ConditionTypes.BLOCKED)).isEqualTo("True/PrometheusOperatorMissing");
    assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(message(status, ConditionTypes.READY)).contains("servicemonitors.monitoring.coreos.com",
        "prometheusrules.monitoring.coreos.com", "the dashboard exists");
    assertThat(MonitoringStatusModel.readyReason(status)).isEqualTo(MonitoringStatusModel.OPERATOR_MISSING);
  }

  @Test
  void aSameNamedObjectOfSomeoneElseFailsEvenWhenCrdsAreAlsoMissing() {
    MonitoringTrait trait = trait("");
    MonitoringTraitStatus status = MonitoringStatusModel.forResult(trait, "orders", desired(trait),
        applied(List.of("alertmanagerconfigs.monitoring.coreos.com"), List.of("ServiceMonitor orders-zookeeper"),
            null, "orders-zookeeper-alerts", null, null), T0);
    assertThat(status.phase()).isEqualTo(Phase.Failed);
    assertThat(status.monitor()).isNull();
    assertThat(status.prometheusRule()).isEqualTo("orders-zookeeper-alerts");
    assertThat(condition(status, ConditionTypes.READY)).isEqualTo("False/ObjectNotOwned");
    assertThat(condition(status, ConditionTypes.BLOCKED)).isEqualTo("True/ObjectNotOwned");
    assertThat(message(status, ConditionTypes.READY)).contains("ServiceMonitor orders-zookeeper");
  }

  @Test
  void anInvalidSpecFailsAndKeepsTheNamesRecordedBefore() {
    MonitoringTrait trait = trait("  scrape:\n    interval: 10s\n    scrapeTimeout: 20s\n");
    MonitoringTraitStatus before = new MonitoringTraitStatus(3L, Phase.Ready, "orders-zookeeper",
        "orders-zookeeper-alerts", null, null, 25, List.of());
    trait.setStatus(before);
    DesiredMonitoring desired = desired(trait);
    MonitoringTraitStatus status = MonitoringStatusModel.forInvalid(trait, "orders", desired, T0);
    assertThat(status.phase()).isEqualTo(Phase.Failed);
    assertThat(status.observedGeneration()).isEqualTo(4L);
    assertThat(status.monitor()).isEqualTo("orders-zookeeper");
    assertThat(status.prometheusRule()).isEqualTo("orders-zookeeper-alerts");
    assertThat(status.alertCount()).isEqualTo(25);
    assertThat(condition(status, ConditionTypes.READY)).isEqualTo("False/InvalidSpec");
    assertThat(condition(status, ConditionTypes.BLOCKED)).isEqualTo("True/InvalidSpec");
    assertThat(message(status, ConditionTypes.READY)).contains("scrapeTimeout 20s exceeds scrape.interval 10s");
    assertThat(MonitoringStatusModel.readyReason(status)).isEqualTo(MonitoringStatusModel.INVALID_SPEC);

    trait.setStatus(null);
    MonitoringTraitStatus fresh = MonitoringStatusModel.forInvalid(trait, "orders", desired, T0);
    assertThat(fresh.monitor()).isNull();
    assertThat(fresh.alertCount()).isNull();
  }

  @Test
  void aMissingWorkloadIsPending() {
    MonitoringTrait trait = trait("");
    MonitoringTraitStatus status = MonitoringStatusModel.forUnbound(trait,
        new WorkloadBinding.Unbound(WorkloadBinding.NOT_FOUND, "ZooKeeperCluster orders does not exist"), T0);
    assertThat(status.phase()).isEqualTo(Phase.Pending);
    assertThat(status.observedGeneration()).isEqualTo(4L);
    assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("False/WorkloadNotFound");
    assertThat(condition(status, ConditionTypes.READY)).isEqualTo("False/WorkloadNotFound");
    assertThat(condition(status, ConditionTypes.CONFLICT)).isEqualTo("False/NoConflict");
    assertThat(MonitoringStatusModel.readyReason(status)).isEqualTo(WorkloadBinding.NOT_FOUND);
  }

  @Test
  void aSecondTraitOnTheWorkloadFailsWithConflictAndKeepsItsNames() {
    MonitoringTrait trait = trait("");
    trait.setStatus(new MonitoringTraitStatus(3L, Phase.Ready, "orders-zookeeper", "orders-zookeeper-alerts",
        null, null, 25, List.of()));
    MonitoringTraitStatus status = MonitoringStatusModel.forUnbound(trait,
        new WorkloadBinding.Unbound(WorkloadBinding.CONFLICT, "MonitoringTrait alpha already acts on orders"), T0);
    assertThat(status.phase()).isEqualTo(Phase.Failed);
    assertThat(status.monitor()).isEqualTo("orders-zookeeper");
    assertThat(status.alertCount()).isEqualTo(25);
    assertThat(condition(status, ConditionTypes.CONFLICT)).isEqualTo("True/Conflict");
    assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(condition(status, ConditionTypes.READY)).isEqualTo("False/Conflict");
    assertThat(message(status, ConditionTypes.CONFLICT)).contains("alpha");
  }

  @Test
  void aWrongKindOrAMissingRefFails() {
    MonitoringTrait trait = trait("");
    for (String reason : List.of(WorkloadBinding.WRONG_KIND, WorkloadBinding.MISSING_REF)) {
      MonitoringTraitStatus status = MonitoringStatusModel.forUnbound(trait,
          new WorkloadBinding.Unbound(reason, "no"), T0);
      assertThat(status.phase()).as(reason).isEqualTo(Phase.Failed);
      assertThat(condition(status, ConditionTypes.READY)).isEqualTo("False/" + reason);
      assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("False/" + reason);
    }
  }

  @Test
  void theSameInputsGiveAnEqualStatusAndTransitionTimesMoveOnlyOnAFlip() {
    MonitoringTrait trait = trait("");
    DesiredMonitoring desired = desired(trait);
    MonitoringApplier.Result ok = applied(List.of(), List.of(), "orders-zookeeper", "orders-zookeeper-alerts",
        null, null);
    MonitoringTraitStatus first = MonitoringStatusModel.forResult(trait, "orders", desired, ok, T0);
    trait.setStatus(first);
    MonitoringTraitStatus again = MonitoringStatusModel.forResult(trait, "orders", desired, ok, T1);
    assertThat(again).as("a no-op reconcile publishes an equal status (and so writes nothing)").isEqualTo(first);

    MonitoringTraitStatus missing = MonitoringStatusModel.forResult(trait, "orders", desired,
        applied(List.of("servicemonitors.monitoring.coreos.com"), List.of(), null, null, null, null), T1);
    assertThat(Conditions.find(missing.conditions(), ConditionTypes.READY).orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-02T03:05:05Z");
    assertThat(Conditions.find(missing.conditions(), ConditionTypes.WORKLOAD_FOUND).orElseThrow()
        .getLastTransitionTime()).as("unchanged condition").isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void noStatusHasNoReadyReason() {
    assertThat(MonitoringStatusModel.readyReason(null)).isNull();
    assertThat(MonitoringStatusModel.readyReason(new MonitoringTraitStatus(1L, Phase.Pending, null, null, null, null,
        null, List.of()))).isNull();
  }

  @Test
  void aRefusedObjectFailsWithTheApiServersReasonAndKeepsTheOthersNames() {
    MonitoringTrait trait = trait("  dashboard:\n    enabled: true\n");
    MonitoringApplier.Result refused = new MonitoringApplier.Result(List.of(), List.of(), List.of(),
        List.of("PrometheusRule orders-zookeeper-alerts: 422 admission webhook denied the request"),
        "orders-zookeeper", null, null, null, null);
    MonitoringTraitStatus status = MonitoringStatusModel.forResult(trait, "orders", desired(trait), refused, T0);
    assertThat(status.phase()).isEqualTo(Phase.Failed);
    assertThat(status.monitor()).isEqualTo("orders-zookeeper");
    assertThat(condition(status, "Ready")).isEqualTo("False/" + MonitoringStatusModel.APPLY_FAILED);
    assertThat(message(status, "Ready")).contains("422 admission webhook denied");
  }
}
