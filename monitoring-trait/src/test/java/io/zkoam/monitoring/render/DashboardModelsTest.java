package io.zkoam.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardModelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAMESPACE = "team-a";
  private static final String CLUSTER = "zk";
  private static final Map<String, String> DATASOURCE = Map.of("type", "prometheus", "uid", "${datasource}");
  private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)}");
  /** The names the dashboard queries; all exist in ZooKeeper 3.9's Prometheus provider (up comes from Prometheus). */
  private static final Set<String> EXPECTED_METRICS = Set.of(
      "approximate_data_size", "election_time_count", "ephemerals_count", "fsynctime_count", "fsynctime_sum",
      "global_sessions", "jvm_gc_collection_seconds_sum", "jvm_memory_bytes_max", "jvm_memory_bytes_used",
      "leader_uptime", "learners", "looking_count", "num_alive_connections", "outstanding_requests",
      "process_max_fds", "process_open_fds", "quorum_size", "readlatency_count", "readlatency_sum",
      "synced_followers", "synced_non_voting_followers", "up", "updatelatency_count", "updatelatency_sum", "uptime",
      "watch_count", "znode_count");

  private static JsonNode render(String namespace, String cluster) throws Exception {
    return JSON.readTree(DashboardModels.json(namespace, cluster));
  }

  private static JsonNode variable(JsonNode dashboard, String name) {
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("name").asText().equals(name)) {
        return variable;
      }
    }
    throw new AssertionError("no variable " + name);
  }

  /** Every panel, rows' nested panels included. */
  private static List<JsonNode> allPanels(JsonNode panels) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : panels) {
      out.add(panel);
      out.addAll(allPanels(panel.path("panels")));
    }
    return out;
  }

  private static List<JsonNode> queryPanels(JsonNode dashboard) {
    return allPanels(dashboard.path("panels")).stream().filter(p -> !p.path("type").asText().equals("row")).toList();
  }

  private static List<String> selectors(String expr) {
    List<String> out = new ArrayList<>();
    Matcher matcher = SELECTOR.matcher(expr);
    while (matcher.find()) {
      out.add(matcher.group(1));
    }
    return out;
  }

  @Test
  void configMapHoldsOneDashboardKeyedByCluster() throws Exception {
    ObjectMeta metadata = new ObjectMetaBuilder().withName(MonitoringNames.dashboard(CLUSTER)).withNamespace(NAMESPACE)
        .addToLabels("grafana_dashboard", "1").build();

    ConfigMap configMap = DashboardModels.dashboard(metadata, NAMESPACE, CLUSTER);

    assertThat(configMap.getMetadata()).isEqualTo(metadata);
    String key = "zookeeper-" + NAMESPACE + "-zk.json";
    assertThat(configMap.getData()).containsOnlyKeys(key);
    JsonNode dashboard = JSON.readTree(configMap.getData().get(key));
    assertThat(dashboard.path("schemaVersion").asInt()).isEqualTo(39);
    assertThat(dashboard.path("panels").size()).isGreaterThan(10);
    assertThat(DashboardModels.key("team-b", "other")).isEqualTo("zookeeper-team-b-other.json");
  }

  @Test
  void uidIsShortValidStableAndDiffersPerCluster() throws Exception {
    String longNamespace = "a-very-long-namespace-name-for-the-zookeeper-team";
    List<String[]> clusters = List.of(
        new String[] {NAMESPACE, CLUSTER}, new String[] {NAMESPACE, "zk2"}, new String[] {"team-b", CLUSTER},
        new String[] {"a-b", "c"}, new String[] {"a", "b-c"}, new String[] {"team-a", "zk.prod"},
        new String[] {longNamespace, "zk-east"}, new String[] {longNamespace, "zk-west"});
    Set<String> uids = new HashSet<>();
    for (String[] cluster : clusters) {
      String uid = render(cluster[0], cluster[1]).path("uid").asText();
      assertThat(uid).hasSizeLessThanOrEqualTo(40).matches("[A-Za-z0-9_-]+").startsWith("zkoam-");
      assertThat(render(cluster[0], cluster[1]).path("uid").asText()).isEqualTo(uid);
      uids.add(uid);
    }
    assertThat(uids).hasSameSizeAs(clusters);
    assertThat(render(NAMESPACE, CLUSTER).path("uid").asText()).startsWith("zkoam-team-a-zk-");
  }

  @Test
  void titleNamesNamespaceAndCluster() throws Exception {
    assertThat(render(NAMESPACE, CLUSTER).path("title").asText()).isEqualTo("ZooKeeper team-a/zk");
  }

  @Test
  void variablesArePresetToTheCluster() throws Exception {
    JsonNode dashboard = render(NAMESPACE, CLUSTER);

    JsonNode datasource = variable(dashboard, "datasource");
    assertThat(datasource.path("type").asText()).isEqualTo("datasource");
    assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
    assertThat(datasource.path("current").path("value").asText()).isEqualTo("Prometheus");

    JsonNode namespace = variable(dashboard, "namespace");
    assertThat(namespace.path("current").path("value").asText()).isEqualTo(NAMESPACE);
    assertThat(namespace.path("current").path("text").asText()).isEqualTo(NAMESPACE);

    JsonNode cluster = variable(dashboard, "cluster");
    assertThat(cluster.path("current").path("value").asText()).isEqualTo(CLUSTER);
    assertThat(cluster.path("query").asText()).contains("namespace=\"$namespace\"").endsWith(", zk_cluster)");

    JsonNode pod = variable(dashboard, "pod");
    assertThat(pod.path("multi").asBoolean()).isTrue();
    assertThat(pod.path("includeAll").asBoolean()).isTrue();
    assertThat(pod.path("query").asText())
        .isEqualTo("label_values(up{namespace=\"$namespace\", zk_cluster=\"$cluster\"}, pod)");

    for (String name : List.of("namespace", "cluster", "pod")) {
      JsonNode query = variable(dashboard, name);
      assertThat(query.path("type").asText()).as(name).isEqualTo("query");
      assertThat(JSON.convertValue(query.path("datasource"), Map.class)).as(name).isEqualTo(DATASOURCE);
    }
  }

  @Test
  void everyPanelAndTargetUsesTheDatasourceVariableAndSelectsTheCluster() throws Exception {
    JsonNode dashboard = render(NAMESPACE, CLUSTER);
    List<JsonNode> panels = queryPanels(dashboard);
    assertThat(panels).hasSizeGreaterThan(20);

    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(panel.path("type").asText()).as(title).isIn("timeseries", "stat", "table", "state-timeline");
      assertThat(JSON.convertValue(panel.path("datasource"), Map.class)).as(title).isEqualTo(DATASOURCE);
      assertThat(panel.path("targets").size()).as(title).isPositive();
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        String what = title + " / " + target.path("refId").asText() + ": " + expr;
        assertThat(JSON.convertValue(target.path("datasource"), Map.class)).as(what).isEqualTo(DATASOURCE);
        assertThat(selectors(expr)).as(what).isNotEmpty().allSatisfy(selector -> assertThat(selector)
            .contains("namespace=\"$namespace\"").contains("zk_cluster=\"$cluster\""));
        boolean perPod = target.path("legendFormat").asText().contains("{{pod}}") || expr.contains("by (pod)");
        if (perPod && !panel.path("type").asText().equals("stat")) {
          assertThat(selectors(expr)).as(what).allSatisfy(selector -> assertThat(selector).contains("pod=~\"$pod\""));
        }
      }
    }
  }

  @Test
  void unitsMatchTheMetrics() throws Exception {
    int checked = 0;
    for (JsonNode panel : queryPanels(render(NAMESPACE, CLUSTER))) {
      String expr = panel.path("targets").get(0).path("expr").asText();
      String unit = panel.path("fieldConfig").path("defaults").path("unit").asText();
      String title = panel.path("title").asText();
      if (expr.contains("latency_sum") || expr.contains("fsynctime_sum") || expr.startsWith("max(leader_uptime")) {
        assertThat(unit).as(title).isEqualTo("ms");
        checked++;
      } else if (expr.startsWith("approximate_data_size") || expr.startsWith("jvm_memory_bytes_used")) {
        assertThat(unit).as(title).isEqualTo("bytes");
        checked++;
      } else if (expr.contains("/ process_max_fds") || expr.contains("jvm_gc_collection_seconds_sum")
          || expr.contains("/ jvm_memory_bytes_max")) {
        assertThat(unit).as(title).isEqualTo("percentunit");
        checked++;
      }
    }
    assertThat(checked).isEqualTo(9);
  }

  @Test
  void noGrafanaComInputsAndNoDsPlaceholders() throws Exception {
    String json = DashboardModels.json(NAMESPACE, CLUSTER);
    assertThat(JSON.readTree(json).has("__inputs")).isFalse();
    assertThat(json).doesNotContain("${DS_").doesNotContain("__inputs");
  }

  @Test
  void panelIdsAreUniqueAndEveryPanelHasAGridPosInsideTheGrid() throws Exception {
    JsonNode dashboard = render(NAMESPACE, CLUSTER);
    List<JsonNode> panels = allPanels(dashboard.path("panels"));
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(panel.path("id").isInt()).as(title).isTrue();
      assertThat(ids.add(panel.path("id").asInt())).as("duplicate id %s (%s)", panel.path("id"), title).isTrue();
      JsonNode grid = panel.path("gridPos");
      for (String field : List.of("x", "y", "w", "h")) {
        assertThat(grid.path(field).isInt()).as(title + " gridPos." + field).isTrue();
      }
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isBetween(1, 24);
      assertThat(grid.path("h").asInt()).as(title).isPositive();
    }
    // no overlaps among the panels shown together: top level, and each collapsed row's panels when expanded
    assertNoOverlap(dashboard.path("panels"));
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("collapsed").asBoolean()) {
        assertThat(panel.path("panels").size()).isPositive();
        assertNoOverlap(panel.path("panels"));
      }
    }
  }

  private static void assertNoOverlap(JsonNode panels) {
    List<JsonNode> list = new ArrayList<>();
    panels.forEach(list::add);
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        JsonNode a = list.get(i).path("gridPos");
        JsonNode b = list.get(j).path("gridPos");
        boolean overlap = a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
            && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
            && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
            && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
        assertThat(overlap).as("%s overlaps %s", list.get(i).path("title"), list.get(j).path("title")).isFalse();
      }
    }
  }

  @Test
  void metricNamesOfTheDashboardAreExactly3Point9ProviderNames() {
    Set<String> names = DashboardQueries.metricNames(DashboardModels.json(NAMESPACE, CLUSTER));

    assertThat(names).containsExactlyInAnyOrderElementsOf(EXPECTED_METRICS);
    assertThat(names).noneMatch(name -> name.startsWith("zk_") || name.endsWith("_total"));
    assertThat(DashboardQueries.metricNames(DashboardModels.template().toString())).isEqualTo(names);
  }

  @Test
  void exprMetricNamesHandlesAggregationsFunctionsAndOperators() {
    assertThat(DashboardQueries.exprMetricNames("sum by (pod) (rate(x_sum{a=\"b\"}[5m]))"))
        .containsExactly("x_sum");
    assertThat(DashboardQueries.exprMetricNames("sum(rate(x_sum[5m])) without (gc, pod) / on (pod) y_count"))
        .containsExactlyInAnyOrder("x_sum", "y_count");
    assertThat(DashboardQueries.exprMetricNames("x or y")).containsExactlyInAnyOrder("x", "y");
    assertThat(DashboardQueries.exprMetricNames("a and on (pod) b unless ignoring (instance) c"))
        .containsExactlyInAnyOrder("a", "b", "c");
    assertThat(DashboardQueries.exprMetricNames("a * on (pod) group_left (role) b + ignoring(x) group_right c"))
        .containsExactlyInAnyOrder("a", "b", "c");
    assertThat(DashboardQueries.exprMetricNames("SUM BY (pod) (Rate(x[1m]))")).containsExactly("x");
    assertThat(DashboardQueries.exprMetricNames(
        "histogram_quantile(0.99, sum by (le) (rate(h_bucket{le!=\"+Inf\"}[5m])))")).containsExactly("h_bucket");
    assertThat(DashboardQueries.exprMetricNames("count(up == 1) or vector(0)")).containsExactly("up");
    assertThat(DashboardQueries.exprMetricNames("absent(up{a=\"b\"})")).containsExactly("up");
    assertThat(DashboardQueries.exprMetricNames("time() - process_start_time_seconds")).containsExactly(
        "process_start_time_seconds");
    assertThat(DashboardQueries.exprMetricNames("clamp_min(x, 0) > bool 1e3 and topk(5, y) < Inf"))
        .containsExactlyInAnyOrder("x", "y");
    assertThat(DashboardQueries.exprMetricNames("x offset 5m + max_over_time(y[1h:30s]) + z @ start()"))
        .containsExactlyInAnyOrder("x", "y", "z");
    assertThat(DashboardQueries.exprMetricNames("count_values(\"version\", build_info)")).containsExactly(
        "build_info");
    assertThat(DashboardQueries.exprMetricNames("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\")"))
        .containsExactly("up");
    assertThat(DashboardQueries.exprMetricNames("job:up:sum # by (pod) not_a_metric")).containsExactly("job:up:sum");
    assertThat(DashboardQueries.exprMetricNames("")).isEmpty();
  }

  @Test
  void exprMetricNamesSkipsMatchersStringsAndGrafanaVariables() {
    assertThat(DashboardQueries.exprMetricNames(
        "x{pod=~\"zk-(0|1)\", job!~'foo.*bar', le=\"+Inf\", a=~\"b{2}}\", q=\"say \\\"hi\\\" y{\"}"))
        .containsExactly("x");
    assertThat(DashboardQueries.exprMetricNames(
        "rate(x{pod=~\"$pod\"}[$__rate_interval]) * $scale + ${offset:raw} + y[[interval]]"))
        .containsExactlyInAnyOrder("x", "y");
    assertThat(DashboardQueries.exprMetricNames("{__name__=\"x\", a=\"b\"} + {__name__=~\"y(_total)?\"}"))
        .containsExactly("x");
    assertThat(DashboardQueries.exprMetricNames("{\"x.y\", a=\"b\"}")).containsExactly("x.y");
  }

  @Test
  void variableQueryMetricNamesUnderstandsGrafanaFunctions() {
    assertThat(DashboardQueries.variableQueryMetricNames(
        "label_values(up{namespace=\"$namespace\", zk_cluster=\"$cluster\"}, pod)")).containsExactly("up");
    assertThat(DashboardQueries.variableQueryMetricNames("label_values(pod)")).isEmpty();
    assertThat(DashboardQueries.variableQueryMetricNames("label_names()")).isEmpty();
    assertThat(DashboardQueries.variableQueryMetricNames("metrics(zk_.*)")).isEmpty();
    assertThat(DashboardQueries.variableQueryMetricNames("query_result(count by (pod) (up{a=\"b,c\"}))"))
        .containsExactly("up");
    assertThat(DashboardQueries.variableQueryMetricNames("znode_count{namespace=\"x\"}")).containsExactly(
        "znode_count");
  }

  @Test
  void metricNamesReadsTargetsNestedPanelsVariablesAndAnnotationsOnly() {
    String dashboard = """
        {
          "annotations": {"list": [{"name": "deploys", "expr": "changes(deploy_marker[5m]) > 0"}]},
          "templating": {"list": [
            {"name": "datasource", "type": "datasource", "query": "prometheus"},
            {"name": "size", "type": "custom", "query": "small,large"},
            {"name": "pod", "type": "query", "query": "label_values(up{zk_cluster=\\"$cluster\\"}, pod)"},
            {"name": "node", "type": "query", "query": {"query": "label_values(node_info, node)", "refId": "A"}}
          ]},
          "panels": [
            {"type": "timeseries", "title": "a or b", "targets": [{"expr": "a_metric or b_metric",
                                                                   "legendFormat": "{{pod}} c_metric"}]},
            {"type": "row", "collapsed": true, "panels": [
              {"type": "stat", "targets": [{"expr": "sum by (pod) (rate(nested_sum{a=\\"b\\"}[5m]))"}]}
            ]}
          ]
        }
        """;

    assertThat(DashboardQueries.metricNames(dashboard)).containsExactly(
        "a_metric", "b_metric", "deploy_marker", "nested_sum", "node_info", "up");
    assertThatThrownBy(() -> DashboardQueries.metricNames("{not json")).isInstanceOf(IllegalArgumentException.class);
  }
}
