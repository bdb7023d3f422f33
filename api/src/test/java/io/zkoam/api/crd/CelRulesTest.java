package io.zkoam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkoam.api.testing.CelRules;
import io.zkoam.api.testing.Crds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CRDs' CEL rules accept what they should and refuse what they should, evaluated by CEL-Java. */
class CelRulesTest {
  private final JsonNode zk = Crds.schema(Crds.generated("zookeeperclusters.zkoam.io"));

  private List<String> zkViolations(String specYaml, String oldSpecYaml) throws Exception {
    JsonNode manifest = Crds.YAML.readTree("spec:\n" + specYaml.indent(2));
    JsonNode old = oldSpecYaml == null ? null : Crds.YAML.readTree("spec:\n" + oldSpecYaml.indent(2));
    return CelRules.violations(zk, manifest, old);
  }

  @Test
  void storageMayGrow() throws Exception {
    assertThat(zkViolations("storage: {size: 20Gi}", "storage: {size: 10Gi}")).isEmpty();
    assertThat(zkViolations("storage: {size: 10Gi}", "storage: {size: 10Gi}")).isEmpty();
    assertThat(zkViolations("storage: {size: 10240Mi}", "storage: {size: 10Gi}")).isEmpty();
  }

  @Test
  void storageMayNotShrinkAcrossUnits() throws Exception {
    assertThat(zkViolations("storage: {size: 9000Mi}", "storage: {size: 10Gi}"))
        .containsExactly("$.spec.storage: storage.size may grow but not shrink");
  }

  @Test
  void transitionRulesDoNotRunOnCreate() throws Exception {
    assertThat(zkViolations("storage: {size: 1Gi, storageClassName: x, ephemeral: true}", null)).isEmpty();
  }

  @Test
  void storageClassMayBeSetOnceButNotChanged() throws Exception {
    assertThat(zkViolations("storage: {storageClassName: fast}", "storage: {size: 1Gi}")).isEmpty();
    assertThat(zkViolations("storage: {storageClassName: fast}", "storage: {storageClassName: fast}")).isEmpty();
    assertThat(zkViolations("storage: {size: 1Gi}", "storage: {storageClassName: fast}"))
        .containsExactly("$.spec.storage: storage.storageClassName is immutable");
  }

  @Test
  void configOverridesOfOwnedKeysAreRefused() throws Exception {
    assertThat(zkViolations("config: {tickTime: '2000', maxClientCnxns: '60'}", null)).isEmpty();
    for (String key : List.of("dataDir", "reconfigEnabled", "4lw.commands.whitelist", "server.1", "weight.2",
        "authProvider.sasl")) {
      assertThat(zkViolations("config: {'" + key + "': x}", null)).as(key).hasSize(1);
    }
    assertThat(zkViolations("config: {'bad key': x}", null))
        .containsExactly("$.spec: config keys are letters, digits, '.', '_' and '-'");
  }

  @Test
  void workloadRefKindAndImmutability() {
    JsonNode scaler = Crds.schema(Crds.generated("scalertraits.zkoam.io"));
    JsonNode ok = Crds.YAML.valueToTree(Map.of("spec", Map.of("workloadRef",
        Map.of("kind", "ZooKeeperCluster", "name", "zk"))));
    JsonNode wrongKind = Crds.YAML.valueToTree(Map.of("spec", Map.of("workloadRef",
        Map.of("kind", "StatefulSet", "name", "zk"))));
    JsonNode other = Crds.YAML.valueToTree(Map.of("spec", Map.of("workloadRef",
        Map.of("kind", "ZooKeeperCluster", "name", "other"))));
    assertThat(CelRules.violations(scaler, ok, null)).isEmpty();
    assertThat(CelRules.violations(scaler, ok, ok)).isEmpty();
    assertThat(CelRules.violations(scaler, wrongKind, null))
        .containsExactly("$.spec.workloadRef: workloadRef.kind must be ZooKeeperCluster");
    assertThat(CelRules.violations(scaler, other, ok))
        .containsExactly("$.spec.workloadRef: workloadRef is immutable: delete the trait and create a new one");
  }

  @Test
  void alertingNeedsItsSecretOnlyWhenEnabled() throws Exception {
    JsonNode monitoring = Crds.schema(Crds.generated("monitoringtraits.zkoam.io"));
    JsonNode off = Crds.YAML.readTree("spec: {alerting: {enabled: false}}");
    JsonNode on = Crds.YAML.readTree("spec: {alerting: {enabled: true}}");
    JsonNode wired = Crds.YAML.readTree("spec: {alerting: {enabled: true, webhookUrlSecretRef: {name: s, key: url}}}");
    assertThat(CelRules.violations(monitoring, off, null)).isEmpty();
    assertThat(CelRules.violations(monitoring, wired, null)).isEmpty();
    assertThat(CelRules.violations(monitoring, on, null)).hasSize(1);
  }
}
