package io.zkoam.sandbox.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.testing.RequiredTool;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.MonitoringTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.monitoring.render.DashboardQueries;
import io.zkoam.monitoring.render.MonitoringNames;
import io.zkoam.sandbox.Sandbox;
import io.zkoam.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The standalone samples on the sandbox with real ZooKeeper servers: each becomes Ready. The MonitoringTrait with a
 * real Prometheus: the sample creates its objects; the dashboard queries only metrics the peers export; Prometheus, configured from the rendered
 * ServiceMonitor (translated to static targets, as prometheus-operator would) and the rendered PrometheusRule (with
 * every {@code for} shortened to 2 s), stays quiet on a healthy ensemble and fires the expected alerts when a
 * follower's server is down, until it is back. Spec changes then create, patch and delete each kind of object.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {
  private static final String NS = "default";
  private static final String TRAIT = "zk-monitoring";
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Series Prometheus itself adds to every target; a peer does not export them. */
  private static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
  private static Path prometheusBinary;
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    prometheusBinary = RequiredTool.require("prometheus", "install Debian's prometheus package");
    sandbox = Sandbox.start(SandboxOptions.forTests());
    sandbox.apply(Sandbox.sample("zookeepercluster.yaml"));
    sandbox.apply(Sandbox.sample("monitoringtrait.yaml"));
    sandbox.apply(Sandbox.sample("scalertrait.yaml"));
    sandbox.apply(Sandbox.sample("rollouttrait.yaml"));
    Await.until(WAIT, "zk Ready", () -> {
      ZooKeeperCluster zk = cluster();
      return zk != null && zk.getStatus() != null && Conditions.isTrue(zk.getStatus().conditions(), "Ready")
          && !Conditions.isTrue(zk.getStatus().conditions(), "Degraded");
    });
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  @Order(0)
  void everyStandaloneSampleReachesReady() {
    for (Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> kind : List.of(ZooKeeperCluster.class,
        io.zkoam.api.v1alpha1.ScalerTrait.class, io.zkoam.api.v1alpha1.RolloutTrait.class, MonitoringTrait.class)) {
      Await.until(WAIT, kind.getSimpleName() + " samples Ready", () -> {
        List<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> items = sandbox.client().resources(kind)
            .inNamespace(NS).list().getItems();
        return !items.isEmpty() && items.stream().allMatch(MonitoringIT::ready);
      }, () -> sandbox.client().resources(kind).inNamespace(NS).list().getItems().stream()
          .map(o -> o.getMetadata().getName() + ": " + o.getStatus()).toList().toString());
    }
  }

  private static boolean ready(io.fabric8.kubernetes.client.CustomResource<?, ?> resource) {
    JsonNode status = JSON.valueToTree(resource.getStatus());
    for (JsonNode condition : status.path("conditions")) {
      if ("Ready".equals(condition.path("type").asText())) {
        return "True".equals(condition.path("status").asText());
      }
    }
    return false;
  }

  @Test
  @Order(1)
  void theSampleCreatesItsObjectsOwnedByTheTrait() {
    Await.until(WAIT, "trait Ready", () -> trait().getStatus() != null && trait().getStatus().phase() == Phase.Ready,
        () -> String.valueOf(trait().getStatus()));
    MonitoringTrait trait = trait();
    ServiceMonitor monitor = sandbox.client().resources(ServiceMonitor.class).inNamespace(NS)
        .withName(trait.getStatus().monitor()).get();
    PrometheusRule rule = sandbox.client().resources(PrometheusRule.class).inNamespace(NS)
        .withName(trait.getStatus().prometheusRule()).get();
    ConfigMap dashboard = sandbox.client().configMaps().inNamespace(NS).withName(trait.getStatus().dashboard()).get();
    assertThat(List.<HasMetadata>of(monitor, rule, dashboard)).allSatisfy(o -> assertThat(
        o.getMetadata().getOwnerReferences()).anySatisfy(r -> assertThat(r.getUid())
        .isEqualTo(trait.getMetadata().getUid())));
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(rule.getSpec().getGroups().stream().mapToInt(g -> g.getRules().size()).sum())
        .isEqualTo(trait.getStatus().alertCount());
    assertThat(rule.getSpec().getGroups().get(0).getRules()).extracting(r -> r.getAlert())
        .contains("ZooKeeperNoLeader").doesNotContain("ZooKeeperTooManyWatches");
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
  }

  @Test
  @Order(2)
  void theDashboardQueriesOnlyMetricsThePeersExport() {
    ConfigMap dashboard = sandbox.client().configMaps().inNamespace(NS).withName(trait().getStatus().dashboard())
        .get();
    Set<String> queried = new TreeSet<>(DashboardQueries.metricNames(dashboard.getData().values().iterator().next()));
    queried.removeAll(SYNTHETIC);
    Set<String> exported = new TreeSet<>();
    pods().forEach(p -> exported.addAll(scrapedNames(p.getStatus().getPodIP())));
    assertThat(queried).isNotEmpty();
    // ZooKeeper 3.9 exports counters without _total (its simpleclient 0.9.0); the sandbox must not differ.
    assertThat(exported).contains("looking_count").doesNotContain("looking_count_total");
    assertThat(exported).as("what the peers export").containsAll(queried);
  }

  @Test
  @Order(3)
  void aFollowerDownFiresItsAlertsUntilItIsBack(@org.junit.jupiter.api.io.TempDir Path dir) {
    sandbox.client().resources(MonitoringTrait.class).inNamespace(NS).withName(TRAIT)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"scrape\":{\"interval\":\"2s\","
            + "\"scrapeTimeout\":\"1s\"}}}");
    Await.until(WAIT, "the monitor scrapes every 2s", () -> "2s".equals(monitor().getSpec().getEndpoints().get(0)
        .getInterval()));
    List<ObjectNode> jobs = StaticScrapeConfig.of(sandbox.client(), monitor());
    try (PrometheusServer prometheus = PrometheusServer.start(prometheusBinary, dir, jobs, shortenedRules())) {
      Await.until(WAIT, "3 targets up", () -> prometheus.targets().stream()
          .filter(t -> "up".equals(t.path("health").asText())).count() == 3, () -> prometheus.targets().toString());
      // A healthy ensemble: nothing above info (the election that formed the ensemble is an info alert).
      Await.until(WAIT, "no warning or critical alert", () -> firing(prometheus, "warning", "critical").isEmpty(),
          () -> prometheus.alerts().toString());

      String leader = cluster().getStatus().leader();
      String follower = pods().stream().map(p -> p.getMetadata().getName()).filter(n -> !n.equals(leader))
          .findFirst().orElseThrow();
      sandbox.node().crashAndHold(NS, follower, "zookeeper");
      Await.until(WAIT, "alerts of a follower down", () -> {
        Set<String> firing = firing(prometheus, "warning", "critical");
        return firing.containsAll(Set.of("ZooKeeperTargetDown/" + follower, "ZooKeeperFollowersNotSynced/",
            "ZooKeeperNoFaultTolerance/"));
      }, () -> prometheus.alerts().toString());
      assertThat(firing(prometheus, "critical", "warning")).as("a follower down is not a lost leader")
          .doesNotContain("ZooKeeperNoLeader/", "ZooKeeperEnsembleDown/");

      sandbox.node().startContainer(NS, follower, "zookeeper");
      Await.until(WAIT, "alerts resolved", () -> firing(prometheus, "warning", "critical").isEmpty(),
          () -> prometheus.alerts().toString());
    }
  }

  /**
   * Every write the trait's role allows, on its normal paths: switching to a PodMonitor, turning alert routing on and
   * changing rules, dashboard, interval and routing patch or create each kind; switching back and turning rules,
   * routing and dashboard off delete them. (deploy-tests' RbacTest relies on this to see each verb in use.)
   */
  @Test
  @Order(4)
  void specChangesCreatePatchAndDeleteEachKindOfObject() {
    String name = MonitoringNames.monitor("zk");
    JsonNode rulesBefore = JSON.valueToTree(rule().getSpec());
    patchTrait("{\"spec\":{\"scrape\":{\"kind\":\"PodMonitor\"},\"rules\":{\"thresholds\":"
        + "{\"outstandingRequests\":30}},\"alerting\":{\"enabled\":true,\"webhookUrlSecretRef\":"
        + "{\"name\":\"zk-alert-webhook\",\"key\":\"url\"}},\"dashboard\":{\"labels\":{\"grafana_dashboard\":"
        + "\"1\",\"team\":\"platform\"}}}}");
    Await.until(WAIT, "a PodMonitor instead of the ServiceMonitor, routing, new rules and dashboard labels", () ->
        get(PodMonitor.class, name) != null && get(ServiceMonitor.class, name) == null
            && get(AlertmanagerConfig.class, MonitoringNames.alertmanagerConfig("zk")) != null
            && !rulesBefore.equals(JSON.valueToTree(rule().getSpec()))
            && "platform".equals(dashboard().getMetadata().getLabels().get("team")),
        () -> String.valueOf(trait().getStatus()));

    patchTrait("{\"spec\":{\"scrape\":{\"interval\":\"5s\"},\"alerting\":{\"repeatInterval\":\"1h\"}}}");
    Await.until(WAIT, "the PodMonitor and the AlertmanagerConfig patched", () ->
        "5s".equals(get(PodMonitor.class, name).getSpec().getPodMetricsEndpoints().get(0).getInterval())
            && "1h".equals(get(AlertmanagerConfig.class, MonitoringNames.alertmanagerConfig("zk")).getSpec()
                .getRoute().getRepeatInterval()),
        () -> String.valueOf(trait().getStatus()));

    patchTrait("{\"spec\":{\"scrape\":{\"kind\":\"ServiceMonitor\"},\"rules\":{\"enabled\":false},"
        + "\"alerting\":{\"enabled\":false},\"dashboard\":{\"enabled\":false}}}");
    Await.until(WAIT, "only a ServiceMonitor left", () -> get(ServiceMonitor.class, name) != null
            && get(PodMonitor.class, name) == null
            && get(PrometheusRule.class, MonitoringNames.rules("zk")) == null
            && get(AlertmanagerConfig.class, MonitoringNames.alertmanagerConfig("zk")) == null
            && get(ConfigMap.class, MonitoringNames.dashboard("zk")) == null,
        () -> String.valueOf(trait().getStatus()));
  }

  private static void patchTrait(String mergePatch) {
    sandbox.client().resources(MonitoringTrait.class).inNamespace(NS).withName(TRAIT)
        .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
  }

  private static <T extends HasMetadata> T get(Class<T> type, String name) {
    return sandbox.client().resources(type).inNamespace(NS).withName(name).get();
  }

  private static PrometheusRule rule() {
    return get(PrometheusRule.class, MonitoringNames.rules("zk"));
  }

  private static ConfigMap dashboard() {
    return get(ConfigMap.class, MonitoringNames.dashboard("zk"));
  }

  /** Firing alerts of these severities as alertname/pod (pod empty for cluster-wide alerts). */
  private static Set<String> firing(PrometheusServer prometheus, String... severities) {
    Set<String> wanted = Set.of(severities);
    return prometheus.alerts().stream()
        .filter(a -> "firing".equals(a.path("state").asText()))
        .filter(a -> wanted.contains(a.path("labels").path("severity").asText()))
        .map(a -> a.path("labels").path("alertname").asText() + "/" + a.path("labels").path("pod").asText())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The rendered rule groups with every {@code for} at 2 s, so a test need not wait minutes. */
  private static JsonNode shortenedRules() {
    PrometheusRule rule = sandbox.client().resources(PrometheusRule.class).inNamespace(NS)
        .withName(trait().getStatus().prometheusRule()).get();
    ArrayNode groups = JSON.valueToTree(rule.getSpec().getGroups());
    groups.forEach(g -> g.path("rules").forEach(r -> {
      if (r.has("for")) {
        ((ObjectNode) r).put("for", "2s");
      }
    }));
    return groups;
  }

  /** Metric names in a peer's exposition: sample names, and summary/histogram family names beside them. */
  private static Set<String> scrapedNames(String podIp) {
    try {
      String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + podIp + ":7000"
          + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
      Set<String> names = new TreeSet<>();
      body.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("[{ ]", 2)[0]).forEach(names::add);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<Pod> pods() {
    return sandbox.client().pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", "zk").list().getItems();
  }

  private static ServiceMonitor monitor() {
    return sandbox.client().resources(ServiceMonitor.class).inNamespace(NS).withName(trait().getStatus().monitor())
        .get();
  }

  private static MonitoringTrait trait() {
    return sandbox.client().resources(MonitoringTrait.class).inNamespace(NS).withName(TRAIT).get();
  }

  private static ZooKeeperCluster cluster() {
    return sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").get();
  }
}
