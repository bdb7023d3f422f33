package io.zkoam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkoam.api.testing.CelRules;
import io.zkoam.api.testing.Crds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratedCrdsTest {

  private static List<String> columns(JsonNode crd) {
    List<String> names = new ArrayList<>();
    crd.at("/spec/versions/0/additionalPrinterColumns").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  private static JsonNode spec(JsonNode crd) {
    return Crds.schema(crd).at("/properties/spec");
  }

  @Test
  void zookeeperClusterHasStatusAndScaleSubresources() {
    JsonNode crd = Crds.generated("zookeeperclusters.zkoam.io");
    JsonNode sub = crd.at("/spec/versions/0/subresources");
    assertThat(sub.has("status")).isTrue();
    assertThat(sub.at("/scale/specReplicasPath").asText()).isEqualTo(".spec.replicas");
    assertThat(sub.at("/scale/statusReplicasPath").asText()).isEqualTo(".status.replicas");
    assertThat(sub.at("/scale/labelSelectorPath").asText()).isEqualTo(".status.selector");
  }

  @Test
  void zookeeperClusterNamesAndColumns() {
    JsonNode crd = Crds.generated("zookeeperclusters.zkoam.io");
    assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
    assertThat(crd.at("/spec/names/shortNames").toString()).contains("\"zk\"", "\"zkc\"");
    assertThat(crd.at("/spec/names/categories").toString()).contains("\"zookeeper\"");
    assertThat(columns(crd)).contains("Replicas", "Ready", "Leader", "Version", "Age");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalertraits.zkoam.io", "rollouttraits.zkoam.io", "monitoringtraits.zkoam.io"})
  void traitsHaveStatusSubresourceAndColumns(String name) {
    JsonNode crd = Crds.generated(name);
    assertThat(crd.at("/spec/versions/0/subresources").has("status")).isTrue();
    assertThat(crd.at("/spec/versions/0/subresources").has("scale")).isFalse();
    assertThat(columns(crd)).contains("Workload", "Phase", "Age");
    assertThat(crd.at("/spec/names/categories").toString()).contains("\"zookeeper\"");
    assertThat(spec(crd).path("required").toString()).contains("workloadRef");
  }

  @Test
  void scalerAndRolloutShowProgressColumns() {
    assertThat(columns(Crds.generated("scalertraits.zkoam.io"))).contains("Workload", "Target", "Current", "Phase");
    assertThat(columns(Crds.generated("rollouttraits.zkoam.io"))).contains("Updated", "Total");
  }

  @Test
  void replicaBoundsAndPatterns() {
    JsonNode zk = spec(Crds.generated("zookeeperclusters.zkoam.io"));
    assertThat(zk.at("/properties/replicas/minimum").asInt()).isEqualTo(1);
    assertThat(zk.at("/properties/replicas/maximum").asInt()).isEqualTo(9);
    assertThat(zk.at("/properties/replicas/default").asInt()).isEqualTo(3);
    assertThat(zk.at("/properties/version/pattern").asText()).isNotEmpty();
    assertThat(zk.at("/properties/storage/properties/size/pattern").asText()).isNotEmpty();
    assertThat(zk.at("/properties/storage/properties/reclaimPolicy/properties/whenDeleted/enum"))
        .extracting(JsonNode::asText).containsExactlyInAnyOrder("Retain", "Delete");
    JsonNode scaler = spec(Crds.generated("scalertraits.zkoam.io"));
    assertThat(scaler.at("/properties/replicas/minimum").asInt()).isEqualTo(1);
    assertThat(scaler.at("/properties/replicas/maximum").asInt()).isEqualTo(9);
    JsonNode rollout = spec(Crds.generated("rollouttraits.zkoam.io"));
    assertThat(rollout.at("/properties/maxUnavailable/minimum").asInt()).isEqualTo(1);
  }

  @Test
  void celRulesArePresent() {
    String zk = Crds.generated("zookeeperclusters.zkoam.io").toString();
    assertThat(zk).contains("storage.size may grow but not shrink", "storage.storageClassName is immutable",
        "config may not set keys that zkoam owns");
    String rollout = Crds.generated("rollouttraits.zkoam.io").toString();
    assertThat(rollout).contains("maxUnavailable must be at least 1", "workloadRef.kind must be ZooKeeperCluster");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zookeeperclusters.zkoam.io", "scalertraits.zkoam.io", "rollouttraits.zkoam.io",
      "monitoringtraits.zkoam.io"})
  void everyCelRuleCompilesOnce(String name) {
    List<String> rules = CelRules.allRules(Crds.schema(Crds.generated(name)));
    assertThat(rules).isNotEmpty().doesNotHaveDuplicates();
    rules.forEach(CelRules::compile);
  }
}
