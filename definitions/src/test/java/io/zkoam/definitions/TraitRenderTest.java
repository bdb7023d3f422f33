package io.zkoam.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each TraitDefinition fed the zookeeper component's rendered output as {@code context.output}, as KubeVela renders
 * a trait: exactly one object of the trait's kind, named after the component, bound to the component's workload.
 */
class TraitRenderTest {
  static final String COMPONENT = "orders-zk";
  static final Map<String, String> KINDS = Map.of(
      Definitions.SCALER, "ScalerTrait", Definitions.ROLLOUT, "RolloutTrait", Definitions.MONITORING, "MonitoringTrait");

  /** Smallest properties each trait accepts (the scaler's replicas is required). */
  static final Map<String, JsonNode> MINIMAL = Map.of(
      Definitions.SCALER, Json.yaml("{replicas: 3}"),
      Definitions.ROLLOUT, Json.yaml("{}"),
      Definitions.MONITORING, Json.yaml("{}"));

  /** Every parameter of each trait set. */
  static final Map<String, JsonNode> EVERY_PARAMETER = Map.of(
      Definitions.SCALER, Json.yaml("{replicas: 4, allowEvenReplicas: true, stepTimeout: 15m}"),
      Definitions.ROLLOUT, Json.yaml("""
          {partition: 2, maxUnavailable: 2, paused: true, podReadyTimeout: 20m, pauseBetweenPods: 1m30s,
           restartAt: "2026-03-01T02:00:00Z"}"""),
      Definitions.MONITORING, Json.yaml("""
          scrape:
            kind: PodMonitor
            interval: 15s
            scrapeTimeout: 5s
            labels: {release: prometheus}
            relabelings:
              - {sourceLabels: [__meta_kubernetes_pod_node_name], targetLabel: node, action: replace}
            metricRelabelings:
              - {sourceLabels: [__name__], regex: "zk_.*_summary.*", action: drop, separator: ";", replacement: x}
          rules:
            enabled: true
            disabled: [ZooKeeperTooManyWatches]
            thresholds:
              outstandingRequests: 20
              writeLatencyMs: 200
              readLatencyMs: 150
              fsyncMs: 50
              znodeCount: 500000
              dataSizeBytes: 536870912
              watchCount: 20000
              electionsPerHour: 2
              fileDescriptorRatio: 0.9
              heapRatio: 0.8
              gcTimeRatio: 0.05
            labels: {team: orders}
            objectLabels: {prometheus: main}
            runbookBaseUrl: https://runbooks.example.com/zookeeper
            extraRules:
              - alert: OrdersZkSlow
                expr: zk_avg_latency > 50
                for: 5m
                severity: critical
                labels: {page: "yes"}
                annotations: {summary: slow}
          alerting:
            enabled: true
            webhookUrlSecretRef: {name: zk-alert-webhook, key: url}
            severities: [critical]
            repeatInterval: 1h
            objectLabels: {alertmanager: main}
          dashboard:
            enabled: true
            labels: {grafana_dashboard: "1"}
          """));

  private static JsonNode component;
  private static Map<String, CueResult> results;

  static List<Definition> traits() {
    return Definitions.shippedTraits();
  }

  static List<Arguments> cases() {
    return traits().stream()
        .flatMap(t -> List.of(Arguments.of(t, "minimal"), Arguments.of(t, "every-parameter")).stream())
        .toList();
  }

  @BeforeAll
  static void render() {
    CueEngine engine = CueEngine.require();
    Definition zk = Definitions.component(Definitions.ZOOKEEPER);
    KubeVelaRenderer first = new KubeVelaRenderer("trait-component");
    first.component(COMPONENT, zk, Json.yaml("{replicas: 3}"), KubeVelaContext.of(COMPONENT, zk.name()));
    component = first.run(engine).get(COMPONENT).json();

    KubeVelaRenderer r = new KubeVelaRenderer("trait");
    KubeVelaContext ctx = KubeVelaContext.of(COMPONENT, zk.name());
    for (Definition t : traits()) {
      r.trait(t.name() + "-minimal", t, MINIMAL.get(t.name()), ctx, component);
      r.trait(t.name() + "-every-parameter", t, EVERY_PARAMETER.get(t.name()), ctx, component);
      // A workload whose name differs from the component's: the reference follows context.output.
      ObjectNode renamed = component.deepCopy();
      ((ObjectNode) renamed.path("metadata")).put("name", "renamed-zk");
      r.trait(t.name() + "-renamed-workload", t, MINIMAL.get(t.name()), ctx, renamed);
    }
    results = r.run(engine);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void emitsOneValidObjectOfItsKindBoundToTheComponent(Definition trait, String variant) {
    JsonNode object = onlyOutput(trait, trait.name() + "-" + variant);
    assertThat(object.path("apiVersion").asText()).isEqualTo("zkoam.io/v1alpha1");
    assertThat(object.path("kind").asText()).isEqualTo(KINDS.get(trait.name()));
    assertThat(object.at("/metadata/name").asText()).isEqualTo(COMPONENT);
    assertThat(object.at("/spec/workloadRef")).isEqualTo(Json.yaml(
        "{apiVersion: zkoam.io/v1alpha1, kind: ZooKeeperCluster, name: " + COMPONENT + "}"));
    ComponentRenderTest.assertValid(object);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traits")
  void workloadRefPathRewriteByKubeVelaChangesNothing(Definition trait) {
    JsonNode object = onlyOutput(trait, trait.name() + "-minimal");
    ObjectNode rewritten = object.deepCopy();
    // What KubeVela writes at workloadRefPath (spec.workloadRef) into every object the trait emits.
    ObjectNode ref = ((ObjectNode) rewritten.path("spec")).putObject("workloadRef");
    ref.put("apiVersion", component.path("apiVersion").asText())
        .put("kind", component.path("kind").asText())
        .put("name", component.at("/metadata/name").asText());
    assertThat(rewritten).isEqualTo(object);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traits")
  void workloadRefFollowsTheRenderedWorkloadName(Definition trait) {
    JsonNode object = onlyOutput(trait, trait.name() + "-renamed-workload");
    assertThat(object.at("/spec/workloadRef/name").asText()).isEqualTo("renamed-zk");
    assertThat(object.at("/metadata/name").asText()).isEqualTo(COMPONENT);
  }

  @Test
  void everyParameterCaseSetsEveryTopLevelParameter() {
    for (Definition t : traits()) {
      assertThat(ComponentRenderTest.fieldNames(EVERY_PARAMETER.get(t.name())))
          .as("every-parameter case of %s", t).isEqualTo(ParameterBlock.topLevelNames(t.template()));
    }
  }

  @Test
  void everyParameterReachesTheTraitSpec() {
    JsonNode scaler = onlyOutput(Definitions.trait(Definitions.SCALER), Definitions.SCALER + "-every-parameter");
    assertThat(withoutRef(scaler.path("spec"))).isEqualTo(EVERY_PARAMETER.get(Definitions.SCALER));
    JsonNode rollout = onlyOutput(Definitions.trait(Definitions.ROLLOUT), Definitions.ROLLOUT + "-every-parameter");
    assertThat(withoutRef(rollout.path("spec"))).isEqualTo(EVERY_PARAMETER.get(Definitions.ROLLOUT));
    JsonNode monitor = onlyOutput(Definitions.trait(Definitions.MONITORING),
        Definitions.MONITORING + "-every-parameter");
    assertThat(withoutRef(monitor.path("spec"))).isEqualTo(EVERY_PARAMETER.get(Definitions.MONITORING));
  }

  private static JsonNode withoutRef(JsonNode spec) {
    ObjectNode copy = spec.deepCopy();
    copy.remove("workloadRef");
    return copy;
  }

  /** The one object of a trait's outputs, under the key its status policies read. */
  static JsonNode onlyOutput(Definition trait, String caseId) {
    JsonNode outputs = results.get(caseId).json();
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    outputs.properties().forEach(e -> objects.put(e.getKey(), e.getValue()));
    assertThat(objects).as("outputs of %s", caseId).containsOnlyKeys(trait.outputsKey());
    return objects.get(trait.outputsKey());
  }
}
