package io.zkoam.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties that KubeVela must refuse at render time: each case fails with exit code 1 and CUE's message (asserted
 * by substrings: CUE's file positions are relative paths). Each bad case has a good neighbour in the same batch that
 * renders, so the failure is the bad value's and not the case's set-up.
 */
class BadParametersTest {
  record Case(String id, String definition, String properties, List<String> expected) {
    @Override
    public String toString() {
      return id;
    }
  }

  record Good(String id, String definition, String properties) {
    @Override
    public String toString() {
      return id;
    }
  }

  static List<Case> bad() {
    return List.of(
        new Case("replicas-wrong-type", Definitions.ZOOKEEPER, "{replicas: three}",
            List.of("replicas", "conflicting values \"three\" and int", "mismatched types")),
        new Case("replicas-above-9", Definitions.ZOOKEEPER, "{replicas: 12}",
            List.of("replicas", "invalid value 12", "out of bound <=9")),
        new Case("replicas-zero", Definitions.ZOOKEEPER, "{replicas: 0}", List.of("replicas", "out of bound >=1")),
        new Case("unknown-field", Definitions.ZOOKEEPER, "{replica: 3}", List.of("field replica not allowed")),
        new Case("unknown-nested-field", Definitions.ZOOKEEPER, "{storage: {sise: 5Gi}}",
            List.of("field sise not allowed")),
        new Case("version-4", Definitions.ZOOKEEPER, "{version: 4.0.0}",
            List.of("version", "empty disjunction", "\"4.0.0\"")),
        new Case("service-type-unknown", Definitions.ZOOKEEPER, "{clientService: {type: Ingress}}",
            List.of("clientService.type", "empty disjunction")),
        new Case("heap-percent-above-90", Definitions.ZOOKEEPER, "{jvm: {heapPercentOfLimit: 95}}",
            List.of("heapPercentOfLimit", "out of bound <=90")),
        new Case("small-replicas-not-a-parameter", Definitions.PLATFORM_SMALL, "{replicas: 5}",
            List.of("field replicas not allowed")),
        new Case("scaler-even-without-allow", Definitions.SCALER, "{replicas: 4}",
            List.of("_replicasMustBeOddUnlessAllowEvenReplicas", "empty disjunction", "conflicting values")),
        new Case("scaler-two-even-allowed", Definitions.SCALER, "{replicas: 2, allowEvenReplicas: true}",
            List.of("replicas", "out of bound !=2")),
        new Case("scaler-replicas-above-9", Definitions.SCALER, "{replicas: 11}", List.of("out of bound <=9")),
        new Case("scaler-bad-duration", Definitions.SCALER, "{replicas: 3, stepTimeout: 10 minutes}",
            List.of("stepTimeout", "\"10 minutes\"", "empty disjunction")),
        new Case("rollout-partition-12", Definitions.ROLLOUT, "{partition: 12}",
            List.of("partition", "out of bound <=9")),
        new Case("rollout-max-unavailable-0", Definitions.ROLLOUT, "{maxUnavailable: 0}",
            List.of("maxUnavailable", "out of bound >=1")),
        new Case("rollout-bad-duration", Definitions.ROLLOUT, "{podReadyTimeout: \"10\"}",
            List.of("podReadyTimeout", "empty disjunction")),
        new Case("rollout-bad-restart-at", Definitions.ROLLOUT, "{restartAt: yesterday}",
            List.of("restartAt", "\"yesterday\"", "out of bound =~")),
        new Case("rollout-unknown-field", Definitions.ROLLOUT, "{pause: true}", List.of("field pause not allowed")),
        new Case("monitoring-heap-ratio-2", Definitions.MONITORING, "{rules: {thresholds: {heapRatio: 2}}}",
            List.of("heapRatio", "conflicting values")),
        new Case("monitoring-alerting-without-secret", Definitions.MONITORING, "{alerting: {enabled: true}}",
            List.of("webhookUrlSecretRef", "cannot reference optional field")),
        new Case("monitoring-secret-not-a-name", Definitions.MONITORING,
            "{alerting: {enabled: true, webhookUrlSecretRef: {name: Hook_URL, key: url}}}",
            List.of("webhookUrlSecretRef.name", "\"Hook_URL\"", "out of bound =~")),
        new Case("monitoring-unknown-monitor-kind", Definitions.MONITORING, "{scrape: {kind: Probe}}",
            List.of("scrape.kind", "empty disjunction")),
        new Case("monitoring-bad-interval", Definitions.MONITORING, "{scrape: {interval: 30}}",
            List.of("interval", "empty disjunction")),
        new Case("monitoring-unknown-severity", Definitions.MONITORING, "{alerting: {severities: [page]}}",
            List.of("severities", "empty disjunction")),
        new Case("monitoring-typo", Definitions.MONITORING, "{scrape: {intervall: 30s}}",
            List.of("field intervall not allowed")));
  }

  static List<Good> good() {
    return List.of(
        new Good("replicas-9", Definitions.ZOOKEEPER, "{replicas: 9}"),
        new Good("replicas-1", Definitions.ZOOKEEPER, "{replicas: 1, version: 3.8.4}"),
        new Good("heap-percent-90", Definitions.ZOOKEEPER, "{jvm: {heapPercentOfLimit: 90}}"),
        new Good("small-ephemeral", Definitions.PLATFORM_SMALL, "{ephemeral: true}"),
        new Good("scaler-even-allowed", Definitions.SCALER, "{replicas: 4, allowEvenReplicas: true}"),
        new Good("scaler-odd", Definitions.SCALER, "{replicas: 9, stepTimeout: 1h30m}"),
        new Good("rollout-partition-9", Definitions.ROLLOUT, "{partition: 9, maxUnavailable: 1, podReadyTimeout: 10s}"),
        new Good("rollout-restart-at", Definitions.ROLLOUT, "{restartAt: \"2026-03-01T02:00:00+08:00\"}"),
        new Good("monitoring-heap-ratio-1", Definitions.MONITORING, "{rules: {thresholds: {heapRatio: 1}}}"),
        new Good("monitoring-alerting-with-secret", Definitions.MONITORING,
            "{alerting: {enabled: true, webhookUrlSecretRef: {name: hook, key: url}, severities: [info]}}"));
  }

  private static Map<String, CueResult> results;

  @BeforeAll
  static void render() {
    KubeVelaRenderer r = new KubeVelaRenderer("bad-parameters");
    for (Case c : bad()) {
      queue(r, c.id(), c.definition(), c.properties());
    }
    for (Good g : good()) {
      queue(r, g.id(), g.definition(), g.properties());
    }
    results = r.run(CueEngine.require());
  }

  private static void queue(KubeVelaRenderer r, String id, String definition, String properties) {
    JsonNode props = Json.yaml(properties);
    Definition zk = Definitions.component(Definitions.ZOOKEEPER);
    KubeVelaContext ctx = KubeVelaContext.of("zk", zk.name());
    if (Definitions.find(definition, Definition.COMPONENT).isPresent()) {
      r.component(id, Definitions.component(definition), props, ctx);
    } else {
      JsonNode workload = Json.yaml("{apiVersion: zkoam.io/v1alpha1, kind: ZooKeeperCluster, metadata: {name: zk}}");
      r.trait(id, Definitions.trait(definition), props, ctx, workload);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void badPropertiesFailRenderingWithCuesMessage(Case c) {
    CueResult result = results.get(c.id());
    assertThat(result.code()).as("exit code of %s; stdout %s", c, result.stdout()).isEqualTo(1);
    assertThat(result.stderr()).as("CUE's message for %s", c).contains(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void neighbouringGoodPropertiesRenderValidObjects(Good g) {
    JsonNode rendered = results.get(g.id()).json();
    JsonNode object = rendered.has("kind") ? rendered : rendered.elements().next();
    ComponentRenderTest.assertValid(object);
  }
}
