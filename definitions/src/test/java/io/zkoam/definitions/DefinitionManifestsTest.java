package io.zkoam.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The definition files as Kubernetes objects, read without CUE: header, names, workload, trait fields, texts. */
class DefinitionManifestsTest {
  /** Definitions the vela-core chart (and its common addons) install in vela-system: ours must not shadow them. */
  static final Set<String> KUBEVELA_BUILT_INS = Set.of(
      // components
      "webservice", "worker", "task", "cron-task", "daemon", "k8s-objects", "ref-objects", "raw", "helm", "kustomize",
      // traits
      "scaler", "gateway", "hpa", "expose", "sidecar", "labels", "annotations", "storage", "cpuscaler",
      "init-container", "json-patch", "json-merge-patch", "service-binding", "k8s-update-strategy", "resource",
      "affinity", "env", "command", "container-image", "container-ports", "startup-probe", "lifecycle", "nocalhost",
      "topologyspreadconstraints", "podsecuritycontext", "securitycontext", "hostalias", "service-account",
      "pure-ingress", "ingress", "import-grafana-dashboard", "rollout", "kruise-rollout", "apply-once",
      "garbage-collect", "health", "override", "topology", "shared-resource", "read-only", "take-over");

  static List<Definition> all() {
    return Definitions.all();
  }

  static List<Definition> components() {
    return Definitions.all().stream().filter(Definition::isComponent).toList();
  }

  static List<Definition> traits() {
    return Definitions.shippedTraits();
  }

  @Test
  void definitionsFolderShipsTheFourPrefixedDefinitions() {
    Map<String, String> kinds = Definitions.shipped().stream()
        .collect(Collectors.toMap(Definition::name, Definition::kind));
    assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(
        Definitions.ZOOKEEPER, Definition.COMPONENT,
        Definitions.SCALER, Definition.TRAIT,
        Definitions.ROLLOUT, Definition.TRAIT,
        Definitions.MONITORING, Definition.TRAIT));
    for (Definition d : Definitions.shipped()) {
      assertThat(d.file().getFileName().toString()).as("file of %s", d).isEqualTo(d.name() + ".yaml");
    }
  }

  @ParameterizedTest
  @MethodSource("all")
  void headerIsAKubeVelaDefinition(Definition def) {
    JsonNode m = def.manifest();
    assertThat(m.path("apiVersion").asText()).isEqualTo("core.oam.dev/v1beta1");
    assertThat(def.kind()).isIn(Definition.COMPONENT, Definition.TRAIT);
    assertThat(def.name()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(m.at("/metadata/annotations/definition.oam.dev~1description").asText())
        .as("description annotation of %s", def).isNotBlank();
    assertThat(m.at("/metadata/namespace").isMissingNode())
        .as("%s names no namespace: it installs into vela-system or an app namespace as chosen", def).isTrue();
    assertThat(def.template()).as("schematic.cue.template of %s", def).isNotBlank();
  }

  @ParameterizedTest
  @MethodSource("all")
  void nameDoesNotShadowAKubeVelaBuiltIn(Definition def) {
    assertThat(KUBEVELA_BUILT_INS).as("KubeVela built-ins").doesNotContain(def.name());
    assertThat(def.name()).startsWith("zookeeper");
  }

  @Test
  void namesAreUniqueAcrossAllDefinitions() {
    List<String> names = all().stream().map(Definition::name).toList();
    assertThat(names).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @MethodSource("components")
  void componentWorkloadIsAZooKeeperCluster(Definition def) {
    JsonNode workload = def.spec().path("workload");
    assertThat(workload.at("/definition/apiVersion").asText()).isEqualTo("zkoam.io/v1alpha1");
    assertThat(workload.at("/definition/kind").asText()).isEqualTo("ZooKeeperCluster");
    assertThat(workload.path("type").asText()).isEqualTo("zookeeperclusters.zkoam.io");
  }

  @ParameterizedTest
  @MethodSource("traits")
  void traitAppliesToZooKeeperClustersAndNamesItsWorkloadRefPath(Definition def) {
    JsonNode spec = def.spec();
    assertThat(toList(spec.path("appliesToWorkloads"))).as("appliesToWorkloads of %s", def).containsExactly("zookeeperclusters.zkoam.io");
    assertThat(spec.path("podDisruptive").isBoolean()).as("podDisruptive set on %s", def).isTrue();
    assertThat(spec.path("podDisruptive").asBoolean())
        .as("podDisruptive of %s", def).isEqualTo(def.name().equals(Definitions.ROLLOUT));
    assertThat(spec.path("workloadRefPath").asText()).isEqualTo("spec.workloadRef");
    assertThat(spec.path("manageWorkload").asBoolean(false)).as("%s must not take the workload over", def).isFalse();
  }

  @ParameterizedTest
  @MethodSource("all")
  void everyParameterHasAUsageComment(Definition def) {
    List<ParameterBlock.Field> fields = ParameterBlock.fields(def.template());
    assertThat(fields).as("parameters read from %s", def).isNotEmpty();
    assertThat(ParameterBlock.undocumented(def.template())).as("parameters of %s without // +usage=", def).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("all")
  void templateAndStatusPoliciesStayInThePortableCueSubset(Definition def) {
    assertThat(PortableSubset.violations(def.template())).as("template of %s", def).isEmpty();
    def.healthPolicy().ifPresent(p -> assertThat(PortableSubset.violations(p)).as("healthPolicy of %s", def).isEmpty());
    def.customStatus().ifPresent(p -> assertThat(PortableSubset.violations(p)).as("customStatus of %s", def).isEmpty());
  }

  @ParameterizedTest
  @MethodSource("all")
  void statusPoliciesDefineWhatKubeVelaReads(Definition def) {
    assertThat(def.healthPolicy()).as("healthPolicy of %s (without one KubeVela calls it always healthy)", def)
        .hasValueSatisfying(p -> assertThat(p).containsPattern("(?m)^isHealth:"));
    def.customStatus().ifPresent(p -> assertThat(p).as("customStatus of %s", def).containsPattern("(?m)^message:"));
    assertThat(def.spec().at("/status/details").isMissingNode())
        .as("status.details of %s needs KubeVela >= 1.10.4 (older CRDs prune or reject it)", def).isTrue();
  }

  private static List<String> toList(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
