package io.zkoam.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.zkoam.api.trait.Durations;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.monitoring.MonitoringFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rendered objects, byte for byte, against reviewed files under {@code src/test/resources/golden/}. A change to the
 * rendering shows up as a diff of those files in review. To accept a change, run
 * {@code mvn -o test -pl monitoring-trait -Dtest=GoldenRenderTest -Dzkoam.golden.update=true} and review the diff.
 * The dashboard ConfigMap is left out (its JSON has tests of its own); only its key is checked here.
 */
class GoldenRenderTest {
  static final String UPDATE_PROPERTY = "zkoam.golden.update";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String NS = "shop";
  private static final String UID = "3f6d2a4e-5b1c-4e8f-9a07-1c2d3e4f5a6b";
  private static final Path GOLDEN = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
      .resolve("src/test/resources/golden");

  /** Every option the spec has, set to something other than its default. */
  static final String FULL_SPEC = """
        scrape:
          kind: PodMonitor
          interval: 15s
          scrapeTimeout: 15s
          labels:
            release: kube-prometheus-stack
          relabelings:
          - sourceLabels: [__meta_kubernetes_pod_node_name]
            targetLabel: node
          - regex: __meta_kubernetes_pod_label_(.+)
            action: labelmap
          metricRelabelings:
          - sourceLabels: [__name__]
            regex: (learner_handler_qp_size|learner_commit_received_count).*
            action: drop
          - sourceLabels: [__name__, quantile]
            separator: "@"
            regex: readlatency@0\\.5
            targetLabel: window
            replacement: median
        rules:
          disabled: [ZooKeeperTooManyWatches, ZooKeeperLeaderElection]
          thresholds:
            outstandingRequests: 50
            writeLatencyMs: 250
            readLatencyMs: 20
            fsyncMs: 40
            znodeCount: 2000000
            dataSizeBytes: 536870912
            watchCount: 5
            electionsPerHour: 6
            fileDescriptorRatio: 0.9
            heapRatio: 0.75
            gcTimeRatio: 0.05
          labels:
            team: orders
            env: prod
          objectLabels:
            prometheus: ops
          runbookBaseUrl: https://runbooks.example.com/zookeeper/
          extraRules:
          - alert: OrdersLockContention
            expr: sum by (namespace, zk_cluster) (rate(orders_lock_wait_seconds_sum[5m])) > 1
            for: 15m
            severity: critical
            labels:
              team: orders-core
            annotations:
              summary: Lock contention on orders
          - alert: OrdersSessionsLow
            expr: sum(global_sessions{namespace="shop",zk_cluster="orders"}) < 3
            annotations:
              runbook_url: https://wiki.example.com/orders-sessions
        alerting:
          enabled: true
          webhookUrlSecretRef:
            name: dingtalk-webhook
            key: url
          severities: [critical]
          repeatInterval: 1h
          objectLabels:
            alertmanagerConfig: orders
        dashboard:
          enabled: true
          labels:
            grafana_dashboard: "1"
            team: orders
      """;

  static MonitoringTrait trait(String specYaml) {
    return MonitoringFixtures.trait(NS, "orders-monitoring", UID, "orders", specYaml);
  }

  static ZooKeeperCluster orders() {
    return MonitoringFixtures.cluster(NS, "orders", 3, 3);
  }

  @Test
  void defaults() throws IOException {
    DesiredMonitoring desired = DesiredMonitoring.of(trait(""), orders());
    assertThat(desired.problems()).isEmpty();
    assertThat(desired.routing()).as("no AlertmanagerConfig unless asked").isNull();
    assertThat(desired.dashboard()).as("no dashboard unless asked").isNull();
    assertGolden("defaults-servicemonitor.yaml", desired.monitor());
    assertGolden("defaults-prometheusrule.yaml", desired.rules());
  }

  @Test
  void fullSpec() throws IOException {
    DesiredMonitoring desired = DesiredMonitoring.of(trait(FULL_SPEC), orders());
    assertThat(desired.problems()).isEmpty();
    assertGolden("full-podmonitor.yaml", desired.monitor());
    assertGolden("full-prometheusrule.yaml", desired.rules());
    assertGolden("full-extra-prometheusrule.yaml", desired.extraRules());
    assertGolden("full-alertmanagerconfig.yaml", desired.routing());
    assertThat(desired.dashboard().getMetadata().getName()).isEqualTo("orders-zookeeper-dashboard");
    assertThat(desired.dashboard().getMetadata().getLabels()).containsEntry("grafana_dashboard", "1")
        .containsEntry("team", "orders");
    // The Grafana sidecar loads any *.json key; the key's exact spelling belongs to DashboardModelsTest.
    assertThat(desired.dashboard().getData().entrySet()).singleElement().satisfies(e -> {
      assertThat(e.getKey()).endsWith(".json").contains("orders");
      assertThat(e.getValue()).startsWith("{").contains("\"panels\"");
    });
  }

  @Test
  void aSingleVoterDefaultsToNoQuorumRules() throws IOException {
    DesiredMonitoring desired = DesiredMonitoring.of(trait(""), MonitoringFixtures.cluster(NS, "orders", 1, 1));
    assertGolden("single-voter-prometheusrule.yaml", desired.rules());
  }

  /**
   * What the golden files were reviewed against, checked here too so a refreshed golden file cannot quietly lose it:
   * the fact sheet's default alert table (../shared/notes/monitoring.md §10: severity and {@code for} per alert), the
   * cluster's selector inside every selector and the cluster's labels kept by every aggregation (§7: Alertmanager
   * confines an AlertmanagerConfig to alerts whose namespace label is its own).
   */
  @Test
  void theDefaultAlertsFollowTheFactSheet() {
    Map<String, String> table = new LinkedHashMap<>();
    table.put("ZooKeeperEnsembleDown", "critical 1m");
    table.put("ZooKeeperNoLeader", "critical 1m");
    table.put("ZooKeeperMultipleLeaders", "critical 2m");
    table.put("ZooKeeperNoFaultTolerance", "critical 5m");
    table.put("ZooKeeperFollowersNotSynced", "warning 5m");
    table.put("ZooKeeperNodeNotServing", "warning 3m");
    table.put("ZooKeeperTargetDown", "warning 2m");
    table.put("ZooKeeperMetricsAbsent", "warning 10m");
    table.put("ZooKeeperLeaderElection", "info null");
    table.put("ZooKeeperFrequentLeaderElections", "warning null");
    table.put("ZooKeeperUnrecoverableError", "critical null");
    table.put("ZooKeeperDigestMismatch", "critical null");
    table.put("ZooKeeperConnectionsRejected", "warning null");
    table.put("ZooKeeperAuthFailures", "warning null");
    table.put("ZooKeeperOutstandingRequests", "warning 5m");
    table.put("ZooKeeperHighWriteLatency", "warning 10m");
    table.put("ZooKeeperHighReadLatency", "warning 10m");
    table.put("ZooKeeperSlowFsync", "warning 10m");
    table.put("ZooKeeperTooManyZnodes", "warning 5m");
    table.put("ZooKeeperDataSizeTooLarge", "warning 5m");
    table.put("ZooKeeperTooManyWatches", "warning 5m");
    table.put("ZooKeeperFileDescriptorsNearLimit", "warning 5m");
    table.put("ZooKeeperJvmHeapHigh", "warning 10m");
    table.put("ZooKeeperGcTimeHigh", "warning 10m");
    table.put("ZooKeeperJvmDeadlock", "critical 2m");

    PrometheusRule rules = DesiredMonitoring.of(trait(""), orders()).rules();
    List<Rule> all = rules.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList();
    Map<String, String> rendered = new LinkedHashMap<>();
    all.forEach(r -> rendered.put(r.getAlert(), r.getLabels().get("severity") + " " + r.getFor()));
    assertThat(rendered).containsExactlyEntriesOf(table);

    Pattern selector = Pattern.compile("\\{([^}]*)}");
    Pattern aggregation = Pattern.compile("\\b(sum|count|max|min|avg)\\s*(by|without)?\\s*\\(([^)]*)\\)");
    for (Rule rule : all) {
      String expr = rule.getExpr().getStrVal();
      assertThat(rule.getLabels()).as(rule.getAlert())
          .containsEntry("namespace", NS).containsEntry("zk_cluster", "orders");
      Matcher m = selector.matcher(expr);
      int selectors = 0;
      while (m.find()) {
        selectors++;
        assertThat(m.group(1)).as(rule.getAlert() + ": selector {" + m.group(1) + "}")
            .contains("namespace=\"shop\"", "zk_cluster=\"orders\"");
      }
      assertThat(selectors).as(rule.getAlert() + ": selectors in " + expr).isPositive();
      Matcher a = aggregation.matcher(expr);
      while (a.find()) {
        assertThat(a.group(2)).as(rule.getAlert() + ": aggregation '" + a.group() + "' in " + expr).isNotNull();
        if (a.group(2).equals("by")) {
          assertThat(a.group(3)).as(rule.getAlert() + ": " + a.group()).isEqualTo("namespace, zk_cluster");
        } else {
          assertThat(a.group(3)).as(rule.getAlert() + ": " + a.group()).doesNotContain("namespace", "zk_cluster");
        }
      }
      assertThat(rule.getAnnotations()).as(rule.getAlert()).containsKeys("summary", "description");
    }
    // Counters match with and without _total (3.8/3.9 and 3.10); JVM metrics under both client generations.
    for (String[] counter : new String[][] {{"ZooKeeperUnrecoverableError", "unrecoverable_error_count"},
        {"ZooKeeperDigestMismatch", "digest_mismatches_count"},
        {"ZooKeeperConnectionsRejected", "connection_rejected"}}) {
      String expr = expr(all, counter[0]);
      assertThat(expr.contains(counter[1] + "(_total)?") || expr.contains(counter[1] + "_total"))
          .as(counter[0] + " matches " + counter[1] + " with and without _total: " + expr).isTrue();
      assertThat(expr).contains(counter[1]);
    }
    assertThat(expr(all, "ZooKeeperJvmHeapHigh")).contains("jvm_memory_bytes_used", "jvm_memory_used_bytes",
        "jvm_memory_bytes_max", "jvm_memory_max_bytes");
    // Windowed averages, not the cumulative avg_latency (§5).
    assertThat(expr(all, "ZooKeeperHighWriteLatency")).contains("rate(updatelatency_sum").doesNotContain("avg_latency");
  }

  @Test
  void scrapeSettingsFollowTheFactSheet() {
    ServiceMonitor monitor = (ServiceMonitor) DesiredMonitoring.of(trait(""), orders()).monitor();
    assertThat(monitor.getSpec().getSelector().getMatchLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app.kubernetes.io/name", "zookeeper",
            "app.kubernetes.io/instance", "orders"));
    assertThat(monitor.getSpec().getNamespaceSelector()).as("the monitor's own namespace").isNull();
    assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(e -> {
      assertThat(e.getPort()).as("a Service port name").isEqualTo("metrics");
      assertThat(e.getScrapeTimeout()).as("unset: Prometheus caps its global timeout at the interval").isNull();
      assertThat(e.getRelabelings()).first().satisfies(r -> {
        assertThat(r.getTargetLabel()).isEqualTo("zk_cluster");
        assertThat(r.getReplacement()).isEqualTo("orders");
      });
    });
    PodMonitor pods = (PodMonitor) DesiredMonitoring.of(trait(FULL_SPEC), orders()).monitor();
    assertThat(pods.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(e -> {
      assertThat(e.getPort()).as("a container port name").isEqualTo("metrics");
      assertThat(Durations.parse(e.getScrapeTimeout())).isLessThanOrEqualTo(Durations.parse(e.getInterval()));
      assertThat(e.getRelabelings()).as("zkoam's zk_cluster first, then the user's").hasSize(3).first()
          .satisfies(r -> assertThat(r.getTargetLabel()).isEqualTo("zk_cluster"));
    });
  }

  private static String expr(List<Rule> rules, String alert) {
    return rules.stream().filter(r -> alert.equals(r.getAlert())).findFirst().orElseThrow().getExpr().getStrVal();
  }

  /** Compares {@code object} as YAML with the golden file, or rewrites the file when the update switch is on. */
  static void assertGolden(String file, HasMetadata object) throws IOException {
    assertThat(object).as(file + ": the object").isNotNull();
    String actual = SERIALIZATION.asYaml(object);
    Path path = GOLDEN.resolve(file);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(path.getParent());
      Files.writeString(path, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(path).as("golden file " + path + " (create it with -D" + UPDATE_PROPERTY + "=true)").exists();
    String expected = Files.readString(path, StandardCharsets.UTF_8);
    assertThat(actual).as("rendered " + file + " differs from " + path + "; if the change is intended, run "
        + "mvn -o test -pl monitoring-trait -Dtest=GoldenRenderTest -D" + UPDATE_PROPERTY + "=true "
        + "and review the diff of the golden files").isEqualTo(expected);
  }
}
