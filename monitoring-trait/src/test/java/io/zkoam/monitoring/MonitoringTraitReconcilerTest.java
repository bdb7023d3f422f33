package io.zkoam.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.MonitoringTraitStatus;
import io.zkoam.api.v1alpha1.MonitoringTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.monitoring.render.AlertCatalog;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitoring trait's reconcile loop on the embedded (mock, CRUD) API. The mock serves no API discovery, so the
 * test answers {@code GET /apis/monitoring.coreos.com/v1} and {@code .../v1alpha1} itself (expectations come before
 * CRUD in the mock's mixed dispatcher): as prometheus-operator's CRDs would, or with 404 while
 * {@link #operatorInstalled} is false. The mock does no garbage collection, so deletion through owner references is
 * checked as the references' presence.
 */
@EnableKubernetesMockClient(crud = true)
class MonitoringTraitReconcilerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String NS = "shop";
  private static final String CLUSTER = "orders";
  private static final String TRAIT = "orders-monitoring";
  private static final String MONITOR = "orders-zookeeper";
  private static final String RULES = "orders-zookeeper-alerts";
  private static final String ROUTING = "orders-zookeeper-alerts";
  private static final String DASHBOARD = "orders-zookeeper-dashboard";
  private static final String CONTROLLER = "monitoring-test";
  private static final String MONITORING_PATHS = "/apis/monitoring.coreos.com/";
  private static final String CONFIGMAP_PATHS = "/api/v1/namespaces/" + NS + "/configmaps";
  private static final String ALERTING = "  alerting:\n    enabled: true\n"
      + "    webhookUrlSecretRef: {name: dingtalk-webhook, key: url}\n";
  private static final String DASHBOARD_ON = "  dashboard:\n    enabled: true\n";

  KubernetesMockServer server;
  KubernetesClient client;

  private ControllerRuntime runtime;
  /** Whether discovery answers for monitoring.coreos.com (prometheus-operator's CRDs are installed). */
  private final AtomicBoolean operatorInstalled = new AtomicBoolean(true);
  /** Every request the mock server received, in arrival order (drained from the server as needed). */
  private final List<RecordedRequest> journal = new ArrayList<>();

  @BeforeEach
  void startController() {
    serveDiscovery("/apis/monitoring.coreos.com/v1", "monitoring.coreos.com/v1",
        List.of(new String[] {"servicemonitors", "ServiceMonitor"}, new String[] {"podmonitors", "PodMonitor"},
            new String[] {"prometheusrules", "PrometheusRule"}, new String[] {"prometheuses", "Prometheus"},
            new String[] {"prometheuses/status", "Prometheus"}, new String[] {"alertmanagers", "Alertmanager"}));
    serveDiscovery("/apis/monitoring.coreos.com/v1alpha1", "monitoring.coreos.com/v1alpha1",
        List.<String[]>of(new String[] {"alertmanagerconfigs", "AlertmanagerConfig"},
            new String[] {"scrapeconfigs", "ScrapeConfig"}));
    runtime = MonitoringTraitMain.start(client, ControllerOptions.embedded(CONTROLLER),
        new MonitoringTiming(Duration.ofSeconds(1), Duration.ofMillis(500)));
  }

  @AfterEach
  void stopController() {
    if (runtime != null) {
      runtime.close();
    }
  }

  // ---- scenarios

  @Test
  void aTraitGetsAServiceMonitorAndARuleOwnedByItAndReportsReady() {
    createCluster(3);
    createTrait(TRAIT, "");

    awaitReady(TRAIT);
    MonitoringTrait trait = trait(TRAIT);
    MonitoringTraitStatus status = trait.getStatus();
    assertThat(status.phase()).isEqualTo(Phase.Ready);
    assertThat(status.observedGeneration()).isNotNull().isEqualTo(trait.getMetadata().getGeneration());
    assertThat(status.monitor()).isEqualTo(MONITOR);
    assertThat(status.prometheusRule()).isEqualTo(RULES);
    assertThat(status.alertmanagerConfig()).isNull();
    assertThat(status.dashboard()).isNull();
    assertThat(status.alertCount()).isEqualTo(AlertCatalog.ALL.size());
    assertThat(condition(TRAIT, ConditionTypes.READY)).isEqualTo("True/Applied");
    assertThat(condition(TRAIT, ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
    assertThat(condition(TRAIT, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(condition(TRAIT, ConditionTypes.CONFLICT)).isEqualTo("False/SoleMonitoring");
    assertThat(Conditions.find(status.conditions(), ConditionTypes.READY).orElseThrow().getMessage())
        .contains("ServiceMonitor " + MONITOR, "PrometheusRule " + RULES + " (25 alerts)");

    ServiceMonitor monitor = serviceMonitor();
    assertOwnedByTrait(monitor, trait);
    assertThat(monitor.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "zookeeper").containsEntry("app.kubernetes.io/instance", CLUSTER);
    assertThat(monitor.getSpec().getEndpoints()).singleElement()
        .satisfies(e -> assertThat(e.getPort()).isEqualTo("metrics"));
    PrometheusRule rules = prometheusRule();
    assertOwnedByTrait(rules, trait);
    assertThat(alerts(rules)).hasSize(AlertCatalog.ALL.size());
    assertThat(alerts(rules)).allSatisfy(r -> assertThat(r.getExpr().getStrVal())
        .contains("namespace=\"shop\",zk_cluster=\"orders\""));
    assertThat(alertmanagerConfig()).isNull();
    assertThat(dashboardConfigMap()).isNull();
    assertThat(podMonitor()).isNull();

    // The trait carries a plain owner reference to its workload (kubectl delete zk removes its traits).
    assertThat(trait.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo(ZooKeeperCluster.KIND);
      assertThat(o.getName()).isEqualTo(CLUSTER);
      assertThat(o.getUid()).isEqualTo(cluster().getMetadata().getUid());
      assertThat(o.getController()).isFalse();
    });

    // Normal events only: a trait reconciled before the workload informer saw the cluster may warn once first.
    Await.until(WAIT, "two Created events", () -> normalEvents(TRAIT).size() >= 2, () -> eventList(TRAIT).toString());
    assertThat(normalEvents(TRAIT)).containsExactlyInAnyOrder(
        "Normal Created ServiceMonitor " + MONITOR + " created",
        "Normal Created PrometheusRule " + RULES + " created");
  }

  @Test
  void changedThresholdsChangeTheRuleExpressions() {
    createCluster(3);
    createTrait(TRAIT, "");
    awaitReady(TRAIT);
    assertThat(expr(prometheusRule(), "ZooKeeperHighWriteLatency")).endsWith(" > 100");
    String readBefore = expr(prometheusRule(), "ZooKeeperHighReadLatency");
    String uid = prometheusRule().getMetadata().getUid();

    patchTrait(TRAIT, "{\"spec\":{\"rules\":{\"thresholds\":{\"writeLatencyMs\":250}}}}");
    Await.until(WAIT, "the write latency threshold 250 in the rule",
        () -> expr(prometheusRule(), "ZooKeeperHighWriteLatency").endsWith(" > 250"), this::describe);
    assertThat(expr(prometheusRule(), "ZooKeeperHighWriteLatency"))
        .startsWith("rate(updatelatency_sum{namespace=\"shop\",zk_cluster=\"orders\"}[5m])");
    assertThat(expr(prometheusRule(), "ZooKeeperHighReadLatency")).isEqualTo(readBefore);
    assertThat(prometheusRule().getMetadata().getUid()).as("patched in place, not recreated").isEqualTo(uid);
    Await.until(WAIT, "observedGeneration 2", () -> Objects.equals(2L, status(TRAIT).observedGeneration()),
        this::describe);
    assertThat(trait(TRAIT).getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(phase(TRAIT)).isEqualTo(Phase.Ready);
    Await.until(WAIT, "a Patched event", () -> eventList(TRAIT).contains(
        "Normal Patched PrometheusRule " + RULES + " patched"), () -> eventList(TRAIT).toString());
  }

  @Test
  void aDisabledAlertLeavesTheRuleAndTheCount() {
    createCluster(3);
    createTrait(TRAIT, "");
    awaitReady(TRAIT);
    assertThat(alertNames(prometheusRule())).contains("ZooKeeperTooManyWatches", "ZooKeeperAuthFailures");

    patchTrait(TRAIT, "{\"spec\":{\"rules\":{\"disabled\":[\"ZooKeeperTooManyWatches\",\"ZooKeeperAuthFailures\"]}}}");
    Await.until(WAIT, "ZooKeeperTooManyWatches gone from the rule",
        () -> !alertNames(prometheusRule()).contains("ZooKeeperTooManyWatches"), this::describe);
    assertThat(alertNames(prometheusRule())).hasSize(AlertCatalog.ALL.size() - 2)
        .doesNotContain("ZooKeeperTooManyWatches", "ZooKeeperAuthFailures").contains("ZooKeeperTargetDown");
    Await.until(WAIT, "alertCount 23", () -> Objects.equals(AlertCatalog.ALL.size() - 2, status(TRAIT).alertCount()),
        this::describe);
    assertThat(Conditions.find(status(TRAIT).conditions(), ConditionTypes.READY).orElseThrow().getMessage())
        .contains("(23 alerts)");

    // Enabled again: back to all of them. (A JSON patch: the mock's merge patch appends arrays instead of replacing.)
    client.resources(MonitoringTrait.class).inNamespace(NS).withName(TRAIT).patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/spec/rules/disabled\",\"value\":[]}]");
    Await.until(WAIT, "alertCount back to 25",
        () -> Objects.equals(AlertCatalog.ALL.size(), status(TRAIT).alertCount()), this::describe);
    assertThat(alertNames(prometheusRule())).hasSize(AlertCatalog.ALL.size());
  }

  @Test
  void alertingCreatesAnAlertmanagerConfigWithTheUrlFromTheSecretAndDisablingItDeletesIt() {
    createCluster(3);
    createTrait(TRAIT, "");
    awaitReady(TRAIT);
    assertThat(alertmanagerConfig()).isNull();

    patchTrait(TRAIT, "{\"spec\":{\"alerting\":{\"enabled\":true,"
        + "\"webhookUrlSecretRef\":{\"name\":\"dingtalk-webhook\",\"key\":\"url\"}}}}");
    Await.until(WAIT, "an AlertmanagerConfig", () -> alertmanagerConfig() != null, this::describe);
    AlertmanagerConfig routing = alertmanagerConfig();
    assertOwnedByTrait(routing, trait(TRAIT));
    assertThat(routing.getSpec().getReceivers()).singleElement().satisfies(r -> {
      assertThat(r.getWebhookConfigs()).singleElement().satisfies(w -> {
        assertThat(w.getUrl()).as("the URL stays in the Secret").isNull();
        assertThat(w.getUrlSecret().getName()).isEqualTo("dingtalk-webhook");
        assertThat(w.getUrlSecret().getKey()).isEqualTo("url");
        assertThat(w.getSendResolved()).isTrue();
      });
      assertThat(r.getName()).isEqualTo(routing.getSpec().getRoute().getReceiver());
    });
    assertThat(routing.getSpec().getRoute().getMatchers())
        .anySatisfy(m -> {
          assertThat(m.getName()).isEqualTo("zk_cluster");
          assertThat(m.getValue()).isEqualTo(CLUSTER);
        });
    Await.until(WAIT, "status names the AlertmanagerConfig",
        () -> ROUTING.equals(status(TRAIT).alertmanagerConfig()), this::describe);
    assertThat(phase(TRAIT)).isEqualTo(Phase.Ready);

    patchTrait(TRAIT, "{\"spec\":{\"alerting\":{\"enabled\":false}}}");
    Await.until(WAIT, "the AlertmanagerConfig deleted", () -> alertmanagerConfig() == null, this::describe);
    Await.until(WAIT, "status without the AlertmanagerConfig",
        () -> status(TRAIT).alertmanagerConfig() == null && Objects.equals(3L, status(TRAIT).observedGeneration()),
        this::describe);
    assertThat(phase(TRAIT)).isEqualTo(Phase.Ready);
    assertThat(prometheusRule()).as("the rule stays").isNotNull();
    Await.until(WAIT, "a Deleted event", () -> eventList(TRAIT).contains(
        "Normal Deleted AlertmanagerConfig " + ROUTING + " deleted"), () -> eventList(TRAIT).toString());
    assertThat(eventList(TRAIT)).contains("Normal Created AlertmanagerConfig " + ROUTING + " created");
  }

  @Test
  void aDashboardIsAConfigMapTheGrafanaSidecarFindsByLabel() {
    createCluster(3);
    createTrait(TRAIT, DASHBOARD_ON);
    awaitReady(TRAIT);

    ConfigMap dashboard = dashboardConfigMap();
    assertThat(dashboard).isNotNull();
    assertOwnedByTrait(dashboard, trait(TRAIT));
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getData()).hasSize(1);
    assertThat(dashboard.getData().keySet()).allSatisfy(key -> assertThat(key).endsWith(".json"));
    assertThat(status(TRAIT).dashboard()).isEqualTo(DASHBOARD);

    patchTrait(TRAIT, "{\"spec\":{\"dashboard\":{\"enabled\":false}}}");
    Await.until(WAIT, "the dashboard ConfigMap deleted", () -> dashboardConfigMap() == null, this::describe);
    Await.until(WAIT, "status without the dashboard", () -> status(TRAIT).dashboard() == null, this::describe);
  }

  @Test
  void switchingToAPodMonitorCreatesItAndDeletesTheServiceMonitor() {
    createCluster(3);
    createTrait(TRAIT, "");
    awaitReady(TRAIT);
    assertThat(serviceMonitor()).isNotNull();

    patchTrait(TRAIT, "{\"spec\":{\"scrape\":{\"kind\":\"PodMonitor\"}}}");
    Await.until(WAIT, "a PodMonitor and no ServiceMonitor", () -> podMonitor() != null && serviceMonitor() == null,
        this::describe);
    PodMonitor monitor = podMonitor();
    assertOwnedByTrait(monitor, trait(TRAIT));
    assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(e -> {
      assertThat(e.getPort()).isEqualTo("metrics");
      assertThat(e.getRelabelings()).anySatisfy(r -> {
        assertThat(r.getTargetLabel()).isEqualTo("zk_cluster");
        assertThat(r.getReplacement()).isEqualTo(CLUSTER);
      });
    });
    Await.until(WAIT, "Ready on generation 2", () -> Objects.equals(2L, status(TRAIT).observedGeneration())
        && phase(TRAIT) == Phase.Ready, this::describe);
    assertThat(status(TRAIT).monitor()).isEqualTo(MONITOR);
    assertThat(Conditions.find(status(TRAIT).conditions(), ConditionTypes.READY).orElseThrow().getMessage())
        .contains("PodMonitor " + MONITOR);
    Await.until(WAIT, "events of the switch", () -> eventList(TRAIT).containsAll(List.of(
        "Normal Created PodMonitor " + MONITOR + " created",
        "Normal Deleted ServiceMonitor " + MONITOR + " deleted")), () -> eventList(TRAIT).toString());
  }

  @Test
  void withoutPrometheusOperatorTheTraitWaitsKeepsTheDashboardAndConvergesOnceItIsInstalled() {
    operatorInstalled.set(false);
    createCluster(3);
    createTrait(TRAIT, DASHBOARD_ON);

    Await.until(WAIT, "PrometheusOperatorMissing", () -> "False/PrometheusOperatorMissing".equals(
        condition(TRAIT, ConditionTypes.READY)), this::describe);
    MonitoringTraitStatus status = status(TRAIT);
    assertThat(status.phase()).isEqualTo(Phase.Pending);
    assertThat(status.monitor()).isNull();
    assertThat(status.prometheusRule()).isNull();
    assertThat(status.dashboard()).isEqualTo(DASHBOARD);
    assertThat(condition(TRAIT, ConditionTypes.BLOCKED)).isEqualTo("True/PrometheusOperatorMissing");
    assertThat(Conditions.find(status.conditions(), ConditionTypes.READY).orElseThrow().getMessage())
        .contains("servicemonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com");
    assertThat(dashboardConfigMap()).as("the dashboard does not need prometheus-operator").isNotNull();
    assertThat(dashboardConfigMap().getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");

    // The controller keeps running and asking: more reconciles, more discovery calls, no object, one warning.
    int discoveryBefore = discoveryCalls();
    awaitReconciles(3);
    assertThat(runtime.alive()).isTrue();
    assertThat(discoveryCalls()).as("discovery asked again on each retry").isGreaterThan(discoveryBefore);
    assertThat(writes(MONITORING_PATHS)).as("writes of monitoring objects while the CRDs are missing").isEmpty();
    assertThat(client.resources(ServiceMonitor.class).inNamespace(NS).list().getItems()).isEmpty();
    assertThat(client.resources(PrometheusRule.class).inNamespace(NS).list().getItems()).isEmpty();
    assertThat(eventList(TRAIT)).as("one warning, not one per retry").containsOnlyOnce(
        "Warning PrometheusOperatorMissing " + Conditions.find(status(TRAIT).conditions(), ConditionTypes.READY)
            .orElseThrow().getMessage());
    assertThat(eventList(TRAIT)).filteredOn(e -> e.startsWith("Warning PrometheusOperatorMissing")).hasSize(1);

    // prometheus-operator gets installed: the next retry picks it up, without a restart.
    operatorInstalled.set(true);
    awaitReady(TRAIT);
    assertThat(serviceMonitor()).isNotNull();
    assertThat(prometheusRule()).isNotNull();
    assertThat(status(TRAIT).monitor()).isEqualTo(MONITOR);
    assertThat(status(TRAIT).prometheusRule()).isEqualTo(RULES);
    assertThat(status(TRAIT).dashboard()).isEqualTo(DASHBOARD);
    assertThat(eventList(TRAIT)).filteredOn(e -> e.startsWith("Warning PrometheusOperatorMissing")).hasSize(1);
  }

  @Test
  void aSameNamedServiceMonitorOfSomeoneElseIsLeftAloneAndReported() {
    ServiceMonitor theirs = client.resource(new ServiceMonitorBuilder().withNewMetadata().withName(MONITOR)
        .withNamespace(NS).addToLabels("team", "platform").endMetadata()
        .withNewSpec().addNewEndpoint().withPort("web").withInterval("1m").endEndpoint()
        .withNewSelector().addToMatchLabels("app", "other").endSelector().endSpec().build()).create();
    createCluster(3);
    createTrait(TRAIT, "");

    Await.until(WAIT, "ObjectNotOwned", () -> "False/ObjectNotOwned".equals(condition(TRAIT, ConditionTypes.READY)),
        this::describe);
    MonitoringTraitStatus status = status(TRAIT);
    assertThat(status.phase()).isEqualTo(Phase.Failed);
    assertThat(status.monitor()).isNull();
    assertThat(Conditions.find(status.conditions(), ConditionTypes.READY).orElseThrow().getMessage())
        .contains("ServiceMonitor " + MONITOR);
    Await.until(WAIT, "the rule (not in the way) exists", () -> prometheusRule() != null, this::describe);
    assertThat(status(TRAIT).prometheusRule()).isEqualTo(RULES);

    awaitReconciles(3);
    ServiceMonitor now = serviceMonitor();
    assertThat(now.getMetadata().getResourceVersion()).as("not written").isEqualTo(
        theirs.getMetadata().getResourceVersion());
    assertThat(now.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(now.getMetadata().getLabels()).containsOnly(Map.entry("team", "platform"));
    assertThat(now.getSpec()).isEqualTo(theirs.getSpec());
    assertThat(writes("/apis/monitoring.coreos.com/v1/namespaces/shop/servicemonitors"))
        .as("writes to ServiceMonitors (the test's own create aside)")
        .containsExactly("POST /apis/monitoring.coreos.com/v1/namespaces/shop/servicemonitors");
    assertThat(eventList(TRAIT)).filteredOn(e -> e.startsWith("Warning ObjectNotOwned")).hasSize(1);
    assertThat(phase(TRAIT)).isEqualTo(Phase.Failed);
  }

  @Test
  void aScrapeTimeoutAboveTheIntervalFailsAndCreatesNothing() {
    createCluster(3);
    createTrait(TRAIT, "  scrape:\n    interval: 30s\n    scrapeTimeout: 45s\n" + DASHBOARD_ON);

    Await.until(WAIT, "InvalidSpec", () -> "False/InvalidSpec".equals(condition(TRAIT, ConditionTypes.READY)),
        this::describe);
    MonitoringTraitStatus status = status(TRAIT);
    assertThat(status.phase()).isEqualTo(Phase.Failed);
    assertThat(status.observedGeneration()).isEqualTo(1L);
    assertThat(condition(TRAIT, ConditionTypes.BLOCKED)).isEqualTo("True/InvalidSpec");
    assertThat(Conditions.find(status.conditions(), ConditionTypes.READY).orElseThrow().getMessage())
        .contains("scrapeTimeout 45s exceeds scrape.interval 30s");
    Await.until(WAIT, "a Warning event", () -> eventList(TRAIT).stream().anyMatch(e -> e.startsWith(
        "Warning InvalidSpec")), () -> eventList(TRAIT).toString());

    assertThat(serviceMonitor()).isNull();
    assertThat(prometheusRule()).isNull();
    assertThat(dashboardConfigMap()).isNull();
    assertThat(writes(MONITORING_PATHS)).isEmpty();
    assertThat(writes(CONFIGMAP_PATHS)).isEmpty();

    // A valid spec lifts it.
    patchTrait(TRAIT, "{\"spec\":{\"scrape\":{\"scrapeTimeout\":\"30s\"}}}");
    awaitReady(TRAIT);
    assertThat(serviceMonitor().getSpec().getEndpoints().get(0).getScrapeTimeout()).isEqualTo("30s");
    assertThat(status(TRAIT).observedGeneration()).isEqualTo(2L);
  }

  @Test
  void aTraitWhoseWorkloadDoesNotExistWaitsForIt() {
    createTrait(TRAIT, "");

    Await.until(WAIT, "WorkloadNotFound", () -> "False/WorkloadNotFound".equals(
        condition(TRAIT, ConditionTypes.WORKLOAD_FOUND)), this::describe);
    assertThat(phase(TRAIT)).isEqualTo(Phase.Pending);
    assertThat(condition(TRAIT, ConditionTypes.READY)).isEqualTo("False/WorkloadNotFound");
    assertThat(condition(TRAIT, ConditionTypes.CONFLICT)).isEqualTo("False/NoConflict");
    assertThat(Conditions.find(status(TRAIT).conditions(), ConditionTypes.WORKLOAD_FOUND).orElseThrow()
        .getMessage()).contains("ZooKeeperCluster orders does not exist in namespace shop");
    awaitReconciles(2);
    assertThat(serviceMonitor()).isNull();
    assertThat(prometheusRule()).isNull();
    assertThat(writes(MONITORING_PATHS)).isEmpty();
    assertThat(trait(TRAIT).getMetadata().getOwnerReferences()).isNullOrEmpty();

    createCluster(3);
    awaitReady(TRAIT);
    assertThat(condition(TRAIT, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(serviceMonitor()).isNotNull();
    assertThat(trait(TRAIT).getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(cluster().getMetadata().getUid()));
  }

  @Test
  void aSecondTraitOnTheSameWorkloadIsInConflictAndTouchesNothing() {
    createCluster(3);
    createTrait("alpha", "");
    awaitReady("alpha");
    createTrait("beta", "  scrape:\n    kind: PodMonitor\n" + DASHBOARD_ON);

    Await.until(WAIT, "beta in Conflict", () -> "True/Conflict".equals(condition("beta", ConditionTypes.CONFLICT)),
        () -> String.valueOf(status("beta")));
    assertThat(phase("beta")).isEqualTo(Phase.Failed);
    assertThat(condition("beta", ConditionTypes.READY)).isEqualTo("False/Conflict");
    assertThat(condition("beta", ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(Conditions.find(status("beta").conditions(), ConditionTypes.CONFLICT).orElseThrow().getMessage())
        .contains("alpha");
    assertThat(status("beta").monitor()).isNull();
    Await.until(WAIT, "a Conflict warning", () -> eventList("beta").stream()
        .anyMatch(e -> e.startsWith("Warning Conflict")), () -> eventList("beta").toString());

    awaitReconciles(3);
    assertThat(podMonitor()).as("beta's PodMonitor").isNull();
    assertThat(dashboardConfigMap()).as("beta's dashboard").isNull();
    String alphaUid = trait("alpha").getMetadata().getUid();
    assertThat(serviceMonitor().getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(alphaUid));
    assertThat(prometheusRule().getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(alphaUid));
    assertThat(phase("alpha")).isEqualTo(Phase.Ready);
    assertThat(condition("alpha", ConditionTypes.CONFLICT)).isEqualTo("False/SoleMonitoring");
    assertThat(trait("beta").getMetadata().getOwnerReferences()).as("beta still hangs off the workload")
        .singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo(CLUSTER));
  }

  @Test
  void aReconcileWithNothingToChangeWritesNothing() throws InterruptedException {
    createCluster(3);
    createTrait(TRAIT, ALERTING + DASHBOARD_ON
        + "  scrape:\n    labels: {release: prometheus}\n"
        + "    relabelings:\n    - {sourceLabels: [__meta_kubernetes_pod_node_name], targetLabel: node}\n"
        + "    metricRelabelings:\n    - {sourceLabels: [__name__], regex: 'jvm_.*', action: drop}\n"
        + "  rules:\n    disabled: [ZooKeeperTooManyWatches]\n    labels: {team: orders}\n"
        + "    runbookBaseUrl: https://runbooks.example.com/zk\n"
        + "    extraRules:\n    - {alert: OrdersSlow, expr: 'vector(1)', for: 5m, annotations: {summary: slow}}\n");
    awaitReady(TRAIT);
    Await.until(WAIT, "five Created events", () -> normalEvents(TRAIT).size() >= 5, () -> eventList(TRAIT).toString());
    assertThat(status(TRAIT).alertmanagerConfig()).isEqualTo(ROUTING);
    assertThat(status(TRAIT).dashboard()).isEqualTo(DASHBOARD);

    Thread.sleep(1000);
    int from = journal().size();
    double before = reconciliations();
    awaitReconciles(3);
    List<String> writes = calls(journal().subList(from, journal().size()));
    assertThat(reconciliations() - before).as("reconciles in the window").isGreaterThanOrEqualTo(3);
    assertThat(writes).as("write calls of no-op reconciles").isEmpty();
    assertThat(journal().subList(from, journal().size())).as("the objects were read, so compared")
        .anySatisfy(r -> assertThat(path(r)).isEqualTo(
            "/apis/monitoring.coreos.com/v1/namespaces/shop/servicemonitors/" + MONITOR));
    assertThat(normalEvents(TRAIT)).containsExactlyInAnyOrder(
        "Normal Created ServiceMonitor " + MONITOR + " created",
        "Normal Created PrometheusRule " + RULES + " created",
        "Normal Created PrometheusRule orders-zookeeper-extra-alerts created",
        "Normal Created AlertmanagerConfig " + ROUTING + " created",
        "Normal Created ConfigMap " + DASHBOARD + " created");
  }

  // ---- the world

  /** Answers discovery of a monitoring.coreos.com version as prometheus-operator's CRDs would, or 404. */
  private void serveDiscovery(String path, String groupVersion, List<String[]> resources) {
    APIResourceListBuilder list = new APIResourceListBuilder().withGroupVersion(groupVersion);
    for (String[] r : resources) {
      list.addToResources(new APIResourceBuilder().withName(r[0]).withKind(r[1]).withNamespaced(true)
          .withVerbs("create", "delete", "get", "list", "patch", "update", "watch").build());
    }
    String found = client.getKubernetesSerialization().asJson(list.build());
    String notFound = client.getKubernetesSerialization().asJson(new StatusBuilder().withStatus("Failure")
        .withReason("NotFound").withCode(404).withMessage("the server could not find the requested resource")
        .build());
    server.expect().get().withPath(path).andReply(new ResponseProvider<Object>() {
      private Headers headers = Headers.builder().build();

      @Override
      public int getStatusCode(RecordedRequest request) {
        return operatorInstalled.get() ? 200 : 404;
      }

      @Override
      public Object getBody(RecordedRequest request) {
        return operatorInstalled.get() ? found : notFound;
      }

      @Override
      public Headers getHeaders() {
        return headers;
      }

      @Override
      public void setHeaders(Headers headers) {
        this.headers = headers;
      }
    }).always();
  }

  private void createCluster(int replicas) {
    client.resource(MonitoringFixtures.cluster(NS, CLUSTER, replicas, null)).create();
  }

  private ZooKeeperCluster cluster() {
    return client.resources(ZooKeeperCluster.class).inNamespace(NS).withName(CLUSTER).get();
  }

  private void createTrait(String name, String specYaml) {
    client.resource(MonitoringFixtures.trait(NS, name, null, CLUSTER, specYaml)).create();
  }

  private void patchTrait(String name, String mergePatch) {
    client.resources(MonitoringTrait.class).inNamespace(NS).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
  }

  private MonitoringTrait trait(String name) {
    return client.resources(MonitoringTrait.class).inNamespace(NS).withName(name).get();
  }

  private MonitoringTraitStatus status(String name) {
    MonitoringTrait trait = trait(name);
    return trait == null ? null : trait.getStatus();
  }

  private Phase phase(String name) {
    MonitoringTraitStatus status = status(name);
    return status == null ? null : status.phase();
  }

  private String condition(String name, String type) {
    MonitoringTraitStatus status = status(name);
    return status == null ? null : Conditions.find(status.conditions(), type)
        .map(c -> c.getStatus() + "/" + c.getReason()).orElse(null);
  }

  /** Ready on the trait's current generation. */
  private void awaitReady(String name) {
    Await.until(WAIT, name + " Ready", () -> {
      MonitoringTrait trait = trait(name);
      return trait != null && trait.getStatus() != null && trait.getStatus().phase() == Phase.Ready
          && Objects.equals(trait.getStatus().observedGeneration(), trait.getMetadata().getGeneration());
    }, this::describe);
  }

  private ServiceMonitor serviceMonitor() {
    return client.resources(ServiceMonitor.class).inNamespace(NS).withName(MONITOR).get();
  }

  private PodMonitor podMonitor() {
    return client.resources(PodMonitor.class).inNamespace(NS).withName(MONITOR).get();
  }

  private PrometheusRule prometheusRule() {
    return client.resources(PrometheusRule.class).inNamespace(NS).withName(RULES).get();
  }

  private AlertmanagerConfig alertmanagerConfig() {
    return client.resources(AlertmanagerConfig.class).inNamespace(NS).withName(ROUTING).get();
  }

  private ConfigMap dashboardConfigMap() {
    return client.configMaps().inNamespace(NS).withName(DASHBOARD).get();
  }

  private static List<Rule> alerts(PrometheusRule rules) {
    return rules == null ? List.of()
        : rules.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList();
  }

  private static List<String> alertNames(PrometheusRule rules) {
    return alerts(rules).stream().map(Rule::getAlert).toList();
  }

  private static String expr(PrometheusRule rules, String alert) {
    return alerts(rules).stream().filter(r -> alert.equals(r.getAlert())).findFirst()
        .map(r -> r.getExpr().getStrVal()).orElse("");
  }

  /** A controller owner reference to the trait and nothing else, so deleting the trait deletes the object. */
  private static void assertOwnedByTrait(HasMetadata object, MonitoringTrait trait) {
    assertThat(object).isNotNull();
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    assertThat(refs).as(object.getKind() + " owner references").singleElement().satisfies(o -> {
      assertThat(o.getApiVersion()).isEqualTo("zkoam.io/v1alpha1");
      assertThat(o.getKind()).isEqualTo(MonitoringTrait.KIND);
      assertThat(o.getName()).isEqualTo(trait.getMetadata().getName());
      assertThat(o.getUid()).isEqualTo(trait.getMetadata().getUid());
      assertThat(o.getController()).isTrue();
      assertThat(o.getBlockOwnerDeletion()).isTrue();
    });
    assertThat(object.getMetadata().getNamespace()).isEqualTo(NS);
    assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by",
        "zkoam-monitoring-trait");
  }

  private List<Event> events(String trait) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && trait.equals(e.getInvolvedObject().getName())).toList();
  }

  /** The trait's events as "type reason message". */
  private List<String> eventList(String trait) {
    return events(trait).stream().map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage()).toList();
  }

  private List<String> normalEvents(String trait) {
    return eventList(trait).stream().filter(e -> e.startsWith("Normal ")).toList();
  }

  private String describe() {
    return "traits " + client.resources(MonitoringTrait.class).inNamespace(NS).list().getItems().stream()
        .map(t -> t.getMetadata().getName() + "@" + t.getMetadata().getGeneration() + "=" + t.getStatus()).toList()
        + "; objects " + objects() + "; events " + client.v1().events().inNamespace(NS).list().getItems().stream()
        .map(e -> e.getReason() + ":" + e.getMessage()).toList();
  }

  private List<String> objects() {
    List<String> names = new ArrayList<>();
    Optional.ofNullable(serviceMonitor()).ifPresent(o -> names.add("ServiceMonitor/" + o.getMetadata().getName()));
    Optional.ofNullable(podMonitor()).ifPresent(o -> names.add("PodMonitor/" + o.getMetadata().getName()));
    Optional.ofNullable(prometheusRule()).ifPresent(o -> names.add("PrometheusRule/" + o.getMetadata().getName()));
    Optional.ofNullable(alertmanagerConfig())
        .ifPresent(o -> names.add("AlertmanagerConfig/" + o.getMetadata().getName()));
    Optional.ofNullable(dashboardConfigMap()).ifPresent(o -> names.add("ConfigMap/" + o.getMetadata().getName()));
    return names;
  }

  // ---- the API calls seen

  private double reconciliations() {
    Double value = runtime.registry().getSampleValue("zkoam_reconciliations_total",
        new String[] {"controller", "kind"}, new String[] {CONTROLLER, MonitoringTrait.KIND});
    return value == null ? 0 : value;
  }

  private void awaitReconciles(int count) {
    double before = reconciliations();
    Await.until(WAIT, count + " more reconciles", () -> reconciliations() >= before + count, this::describe);
  }

  private int discoveryCalls() {
    return (int) journal().stream().filter(r -> path(r).startsWith("/apis/monitoring.coreos.com/v1")
        && path(r).split("/").length == 4).count();
  }

  /** Non-GET calls so far whose path starts with {@code prefix}, as "METHOD path". */
  private List<String> writes(String prefix) {
    return calls(journal().stream().filter(r -> path(r).startsWith(prefix)).toList());
  }

  private static List<String> calls(List<RecordedRequest> requests) {
    return requests.stream().filter(Predicate.not(r -> "GET".equals(r.getMethod())))
        .map(r -> r.getMethod() + " " + path(r)).toList();
  }

  private static String path(RecordedRequest r) {
    String path = r.getPath();
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** All requests so far, in arrival order. */
  private List<RecordedRequest> journal() {
    try {
      RecordedRequest r;
      while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
        journal.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading the request journal", e);
    }
    return journal;
  }
}
