package io.zkoam.monitoring.render;

import static io.zkoam.monitoring.MonitoringFixtures.cluster;
import static io.zkoam.monitoring.MonitoringFixtures.trait;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.MonitoringTraitSpec;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesiredMonitoringTest {
  private static final String NS = "shop";
  private static final String UID = "8f0c7c2e-0000-4000-8000-000000000001";
  private static final Set<String> QUORUM_ALERTS = Set.of("ZooKeeperNoLeader", "ZooKeeperMultipleLeaders",
      "ZooKeeperNoFaultTolerance", "ZooKeeperFollowersNotSynced");

  private static MonitoringTraitSpec spec(String yaml) {
    return trait(NS, "orders-monitoring", UID, "orders", yaml).getSpec();
  }

  private static DesiredMonitoring render(String specYaml, ZooKeeperCluster cluster) {
    return DesiredMonitoring.of(trait(NS, "orders-monitoring", UID, "orders", specYaml), cluster);
  }

  // ---- check: one test per problem

  @Test
  void theDefaultSpecHasNoProblem() {
    assertThat(DesiredMonitoring.check(spec(""))).isEmpty();
  }

  @Test
  void aScrapeTimeoutAboveTheIntervalIsAProblem() {
    assertThat(DesiredMonitoring.check(spec("  scrape:\n    interval: 10s\n    scrapeTimeout: 15s\n")))
        .containsExactly("scrape.scrapeTimeout 15s exceeds scrape.interval 10s (prometheus-operator rejects it)");
    // Compared as durations, not as text: 90s > 1m.
    assertThat(DesiredMonitoring.check(spec("  scrape:\n    interval: 1m\n    scrapeTimeout: 90s\n"))).hasSize(1);
    assertThat(DesiredMonitoring.check(spec("  scrape:\n    interval: 5s\n")))
        .as("no timeout set: Prometheus caps its global timeout at a short interval").isEmpty();
  }

  @Test
  void aScrapeTimeoutEqualToTheIntervalIsAllowed() {
    assertThat(DesiredMonitoring.check(spec("  scrape:\n    interval: 1m\n    scrapeTimeout: 60s\n"))).isEmpty();
  }

  @Test
  void aDurationThatDoesNotParseIsAProblemNotAnException() {
    // The CRD's pattern refuses these; an API without schema validation (the embedded one) lets them through.
    assertThat(DesiredMonitoring.check(spec("  scrape:\n    interval: \"30\"\n")))
        .singleElement().asString().contains("scrape.interval", "30");
    assertThat(DesiredMonitoring.check(spec("  scrape:\n    scrapeTimeout: soon\n")))
        .singleElement().asString().contains("scrape.scrapeTimeout", "soon");
    DesiredMonitoring desired = render("  scrape:\n    interval: \"30\"\n", cluster(NS, "orders", 3, null));
    assertThat(desired.problems()).hasSize(1);
    assertThat(desired.monitor()).isNull();
  }

  @Test
  void alertingWithoutAWebhookSecretIsAProblem() {
    assertThat(DesiredMonitoring.check(spec("  alerting:\n    enabled: true\n")))
        .containsExactly("alerting.webhookUrlSecretRef is required when alerting is enabled");
    assertThat(DesiredMonitoring.check(spec(
        "  alerting:\n    enabled: true\n    webhookUrlSecretRef: {name: dingtalk, key: url}\n"))).isEmpty();
    assertThat(DesiredMonitoring.check(spec("  alerting:\n    enabled: false\n")))
        .as("disabled alerting needs no secret").isEmpty();
  }

  @Test
  void disablingAnAlertThatDoesNotExistIsAProblem() {
    assertThat(DesiredMonitoring.check(spec(
        "  rules:\n    disabled: [ZooKeeperTooManyWatches, ZooKeeperTooManyWatchers, ZooKeeperNope]\n")))
        .containsExactly("rules.disabled names no default alert: ZooKeeperTooManyWatchers, ZooKeeperNope");
    assertThat(DesiredMonitoring.check(spec("  rules:\n    disabled: [ZooKeeperTooManyWatches]\n"))).isEmpty();
  }

  @Test
  void anExtraRuleNamedLikeADefaultAlertIsAProblem() {
    assertThat(DesiredMonitoring.check(spec("  rules:\n    extraRules:\n"
        + "    - {alert: ZooKeeperTargetDown, expr: up == 0}\n"
        + "    - {alert: OrdersSlow, expr: vector(1)}\n")))
        .containsExactly("rules.extraRules reuse default alert names (disable the default instead): "
            + "ZooKeeperTargetDown");
  }

  @Test
  void everyProblemIsReportedAtOnceAndNothingIsRendered() {
    String yaml = "  scrape:\n    interval: 10s\n    scrapeTimeout: 20s\n"
        + "  rules:\n    disabled: [ZooKeeperNope]\n    extraRules:\n    - {alert: ZooKeeperNoLeader, expr: vector(1)}\n"
        + "  alerting:\n    enabled: true\n"
        + "  dashboard:\n    enabled: true\n";
    assertThat(DesiredMonitoring.check(spec(yaml))).hasSize(4);
    DesiredMonitoring desired = render(yaml, cluster(NS, "orders", 3, null));
    assertThat(desired.problems()).hasSize(4);
    assertThat(desired.monitor()).isNull();
    assertThat(desired.rules()).isNull();
    assertThat(desired.routing()).isNull();
    assertThat(desired.dashboard()).isNull();
    assertThat(desired.alertCount()).isZero();
  }

  // ---- voters: quorum alerts only where there is a quorum

  @Test
  void votersAreTheLargerOfDesiredReplicasAndObservedVoters() {
    assertThat(DesiredMonitoring.voters(cluster(NS, "orders", 3, null))).isEqualTo(3);
    assertThat(DesiredMonitoring.voters(cluster(NS, "orders", 1, null))).isEqualTo(1);
    assertThat(DesiredMonitoring.voters(cluster(NS, "orders", 1, 1))).isEqualTo(1);
    assertThat(DesiredMonitoring.voters(cluster(NS, "orders", 1, 3))).as("scaling down from 3").isEqualTo(3);
    assertThat(DesiredMonitoring.voters(cluster(NS, "orders", 5, 3))).as("scaling up to 5").isEqualTo(5);
    assertThat(DesiredMonitoring.voters(cluster(NS, "orders", null, null)))
        .as("replicas left out: the default 3").isEqualTo(3);
  }

  @Test
  void aClusterWithoutASpecCountsAsTheDefaultThreeReplicas() {
    // The workload controller runs a spec-less ZooKeeperCluster with the defaults (3 replicas).
    ZooKeeperCluster specless = cluster(NS, "orders", 3, null);
    specless.setSpec(null);
    assertThat(DesiredMonitoring.voters(specless)).isEqualTo(3);
  }

  @Test
  void aSingleVoterGetsNoQuorumAlertsAndASingleVoterOnItsWayToThreeDoes() {
    DesiredMonitoring single = render("", cluster(NS, "orders", 1, 1));
    assertThat(alertNames(single.rules())).doesNotContainAnyElementsOf(QUORUM_ALERTS)
        .hasSize(AlertCatalog.ALL.size() - QUORUM_ALERTS.size());
    assertThat(single.alertCount()).isEqualTo(AlertCatalog.ALL.size() - QUORUM_ALERTS.size());

    DesiredMonitoring growing = render("", cluster(NS, "orders", 3, 1));
    assertThat(alertNames(growing.rules())).containsAll(QUORUM_ALERTS).hasSize(AlertCatalog.ALL.size());
    assertThat(growing.alertCount()).isEqualTo(AlertCatalog.ALL.size());
  }

  // ---- of: what is rendered

  @Test
  void theDefaultsAreAServiceMonitorAndARuleAndNothingElse() {
    DesiredMonitoring desired = render("", cluster(NS, "orders", 3, null));
    assertThat(desired.problems()).isEmpty();
    assertThat(desired.monitor()).isInstanceOf(ServiceMonitor.class);
    assertThat(desired.monitor().getMetadata().getName()).isEqualTo("orders-zookeeper");
    assertThat(desired.rules().getMetadata().getName()).isEqualTo("orders-zookeeper-alerts");
    assertThat(desired.routing()).isNull();
    assertThat(desired.dashboard()).isNull();
    assertThat(desired.alertCount()).isEqualTo(25).isEqualTo(AlertCatalog.ALL.size());
    for (var object : List.of(desired.monitor(), desired.rules())) {
      assertThat(object.getMetadata().getNamespace()).isEqualTo(NS);
      assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
        assertThat(o.getUid()).isEqualTo(UID);
        assertThat(o.getKind()).isEqualTo(MonitoringTrait.KIND);
        assertThat(o.getApiVersion()).isEqualTo("zkoam.io/v1alpha1");
        assertThat(o.getName()).isEqualTo("orders-monitoring");
        assertThat(o.getController()).isTrue();
      });
    }
  }

  @Test
  void rulesDisabledMeansNoPrometheusRuleAndNoAlerts() {
    DesiredMonitoring desired = render("  rules:\n    enabled: false\n", cluster(NS, "orders", 3, null));
    assertThat(desired.rules()).isNull();
    assertThat(desired.alertCount()).isZero();
    assertThat(desired.monitor()).isNotNull();
  }

  @Test
  void theCountHoldsDisabledAndExtraRules() {
    DesiredMonitoring desired = render("  rules:\n    disabled: [ZooKeeperTooManyWatches, ZooKeeperAuthFailures]\n"
        + "    extraRules:\n    - {alert: OrdersSlow, expr: vector(1)}\n", cluster(NS, "orders", 3, null));
    assertThat(desired.alertCount()).isEqualTo(25 - 2 + 1);
    assertThat(alertNames(desired.rules())).hasSize(23)
        .doesNotContain("OrdersSlow", "ZooKeeperTooManyWatches", "ZooKeeperAuthFailures");
    // In an object of their own: a broken extra rule must not take the default alerts with it.
    assertThat(desired.extraRules().getMetadata().getName()).isEqualTo("orders-zookeeper-extra-alerts");
    assertThat(alertNames(desired.extraRules())).containsExactly("OrdersSlow");
    assertThat(render("", cluster(NS, "orders", 3, null)).extraRules()).isNull();
  }

  @Test
  void aPodMonitorWhenAsked() {
    DesiredMonitoring desired = render("  scrape:\n    kind: PodMonitor\n", cluster(NS, "orders", 3, null));
    assertThat(desired.monitor()).isInstanceOf(PodMonitor.class);
    assertThat(desired.monitor().getMetadata().getName()).isEqualTo("orders-zookeeper");
  }

  @Test
  void objectLabelsOfRulesAndRoutingDefaultToTheScrapeLabels() {
    String routing = "  alerting:\n    enabled: true\n    webhookUrlSecretRef: {name: dingtalk, key: url}\n";
    DesiredMonitoring inherited = render("  scrape:\n    labels: {release: prometheus}\n" + routing,
        cluster(NS, "orders", 3, null));
    assertThat(inherited.monitor().getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(inherited.rules().getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(inherited.routing().getMetadata().getLabels()).containsEntry("release", "prometheus");

    DesiredMonitoring separate = render("  scrape:\n    labels: {release: prometheus}\n"
        + "  rules:\n    objectLabels: {role: alert-rules}\n"
        + routing + "    objectLabels: {alertmanager: main}\n", cluster(NS, "orders", 3, null));
    assertThat(separate.rules().getMetadata().getLabels()).containsEntry("role", "alert-rules")
        .doesNotContainKey("release");
    assertThat(separate.routing().getMetadata().getLabels()).containsEntry("alertmanager", "main")
        .doesNotContainKey("release");
  }

  @Test
  void userLabelsCannotOverrideTheLabelsZkoamSelectsOn() {
    DesiredMonitoring desired = render("  scrape:\n    labels:\n      app.kubernetes.io/instance: other\n"
        + "      app.kubernetes.io/managed-by: helm\n", cluster(NS, "orders", 3, null));
    assertThat(desired.monitor().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", "orders")
        .containsEntry("app.kubernetes.io/managed-by", DesiredMonitoring.MANAGER);
  }

  private static List<String> alertNames(PrometheusRule rules) {
    return rules.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).map(Rule::getAlert).toList();
  }

  @Test
  void aScrapeIntervalTooLongForTheRuleWindowsIsRefused() {
    assertThat(DesiredMonitoring.check(new io.zkoam.api.v1alpha1.MonitoringTraitSpec(
        new io.zkoam.api.v1alpha1.WorkloadRef(null, "ZooKeeperCluster", "orders"),
        new io.zkoam.api.v1alpha1.ScrapeSpec(null, "3m", "10s", null, null, null), null, null, null)))
        .singleElement().asString().contains("scrape.interval 3m is longer than 2m");
    assertThat(DesiredMonitoring.check(new io.zkoam.api.v1alpha1.MonitoringTraitSpec(
        new io.zkoam.api.v1alpha1.WorkloadRef(null, "ZooKeeperCluster", "orders"),
        new io.zkoam.api.v1alpha1.ScrapeSpec(null, "2m", "10s", null, null, null), null, null, null))).isEmpty();
  }

  @Test
  void twoVotersGetNoNoFaultToleranceAlertWhichWouldFireForever() {
    io.zkoam.api.v1alpha1.AlertRulesSpec rules = io.zkoam.api.v1alpha1.AlertRulesSpec.DEFAULT;
    assertThat(RuleModels.kept(rules, 2)).extracting(DefaultAlert::name)
        .contains("ZooKeeperNoLeader", "ZooKeeperFollowersNotSynced").doesNotContain("ZooKeeperNoFaultTolerance");
    assertThat(RuleModels.kept(rules, 3)).extracting(DefaultAlert::name).contains("ZooKeeperNoFaultTolerance");
    assertThat(RuleModels.kept(rules, 1)).extracting(DefaultAlert::name)
        .doesNotContain("ZooKeeperNoLeader", "ZooKeeperNoFaultTolerance");
  }

  @Test
  void badLabelNamesAndRelabelingsAreProblemsNotBrokenObjects() {
    assertThat(DesiredMonitoring.check(spec("  rules:\n    labels: {team-name: x, app.kubernetes.io/team: y, ok_1: z}\n")))
        .containsExactly(
            "rules.labels: 'app.kubernetes.io/team' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)",
            "rules.labels: 'team-name' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
    assertThat(DesiredMonitoring.check(spec("  rules:\n    extraRules:\n    - {alert: A, expr: ' ', "
        + "annotations: {run-book: x}}\n"))).hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("extraRules[A].annotations: 'run-book'"))
        .anySatisfy(p -> assertThat(p).contains("extraRules[A].expr is empty"));
    assertThat(DesiredMonitoring.check(spec("  scrape:\n    relabelings:\n    - {sourceLabels: [__name__]}\n"
        + "    - {targetLabel: zk_cluster, replacement: other}\n    - {sourceLabels: [bad-name], action: drop}\n")))
        .containsExactly("scrape.relabelings[0]: action replace needs a targetLabel",
            "scrape.relabelings[1]: rewrites zk_cluster, which every rule selects on",
            "scrape.relabelings[2].sourceLabels: 'bad-name' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
    assertThat(DesiredMonitoring.check(spec("  scrape:\n    metricRelabelings:\n"
        + "    - {sourceLabels: [__name__], regex: 'jvm_.*', action: drop}\n"))).isEmpty();
  }
}
