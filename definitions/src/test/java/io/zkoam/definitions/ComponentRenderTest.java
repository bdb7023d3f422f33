package io.zkoam.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkoam.api.testing.ManifestValidator;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ComponentDefinitions rendered as KubeVela renders them, each output valid per the generated CRD schema. */
class ComponentRenderTest {
  /** Every parameter of the zookeeper component set (heapPercentOfLimit in its own case: heap replaces it). */
  static final JsonNode EVERY_PARAMETER = Json.yaml("""
      replicas: 5
      version: "3.8.4"
      image: registry.example.com/mirror/zookeeper:3.8.4
      resources:
        requests: {cpu: 500m, memory: 1Gi}
        limits: {cpu: "2", memory: 2Gi}
      storage:
        size: 20Gi
        storageClassName: fast-ssd
        ephemeral: false
        whenDeleted: Delete
        whenScaled: Delete
      jvm:
        heap: 1536M
        extraOptions: ["-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50"]
      config:
        tickTime: "3000"
        maxClientCnxns: "200"
      clientService:
        type: NodePort
        port: 2182
      antiAffinity: Required
      nodeSelector: {disktype: ssd}
      tolerations:
        - {key: dedicated, operator: Equal, value: zookeeper, effect: NoSchedule}
      priorityClassName: platform-critical
      podLabels: {team: orders}
      podAnnotations: {example.com/owner: orders}
      """);
  static final JsonNode HEAP_PERCENT = Json.yaml("""
      replicas: 1
      storage: {ephemeral: true}
      jvm: {heapPercentOfLimit: 75}
      """);

  private static Map<String, CueResult> results;

  @BeforeAll
  static void render() {
    KubeVelaRenderer r = new KubeVelaRenderer("component");
    Definition zk = Definitions.component(Definitions.ZOOKEEPER);
    Definition small = Definitions.component(Definitions.PLATFORM_SMALL);
    r.component("defaults", zk, null, KubeVelaContext.of("zk", zk.name()));
    r.component("every-parameter", zk, EVERY_PARAMETER, KubeVelaContext.of("orders-zk", zk.name()));
    r.component("heap-percent", zk, HEAP_PERCENT, KubeVelaContext.of("tiny-zk", zk.name()));
    r.component("small-defaults", small, null, KubeVelaContext.of("catalog-zk", small.name()));
    r.component("small-ephemeral", small, Json.yaml("{version: 3.8.4, ephemeral: true}"),
        KubeVelaContext.of("test-zk", small.name()));
    results = r.run(CueEngine.require());
  }

  @Test
  void defaultsLeaveReplicasToTheScalerAndNameTheClusterAfterTheComponent() {
    JsonNode out = results.get("defaults").json();
    assertThat(out.path("apiVersion").asText()).isEqualTo("zkoam.io/v1alpha1");
    assertThat(out.path("kind").asText()).isEqualTo("ZooKeeperCluster");
    assertThat(out.at("/metadata/name").asText()).isEqualTo("zk");
    assertThat(out.path("spec").has("replicas")).as("spec.replicas rendered without the parameter").isFalse();
    assertThat(out.at("/spec/version").asText()).isEqualTo("3.9.5");
    assertThat(out.at("/spec/storage")).isEqualTo(Json.yaml(
        "{size: 10Gi, ephemeral: false, reclaimPolicy: {whenDeleted: Retain, whenScaled: Retain}}"));
    assertThat(out.at("/spec/clientService")).isEqualTo(Json.yaml("{type: ClusterIP, port: 2181}"));
    assertThat(out.at("/spec/pod")).isEqualTo(Json.yaml("{antiAffinity: Preferred}"));
    assertThat(fieldNames(out.path("spec"))).containsExactlyInAnyOrder("version", "storage", "clientService", "pod");
    assertValid(out);
  }

  @Test
  void everyParameterReachesTheSpec() {
    Definition zk = Definitions.component(Definitions.ZOOKEEPER);
    assertThat(fieldNames(EVERY_PARAMETER)).as("the case sets every top-level parameter")
        .isEqualTo(ParameterBlock.topLevelNames(zk.template()));
    JsonNode spec = results.get("every-parameter").json().path("spec");
    JsonNode p = EVERY_PARAMETER;
    assertThat(spec.path("replicas").asInt()).isEqualTo(5);
    assertThat(spec.path("version").asText()).isEqualTo("3.8.4");
    assertThat(spec.path("image")).isEqualTo(p.path("image"));
    assertThat(spec.path("resources")).isEqualTo(p.path("resources"));
    assertThat(spec.path("storage")).isEqualTo(Json.yaml("""
        {size: 20Gi, storageClassName: fast-ssd, ephemeral: false,
         reclaimPolicy: {whenDeleted: Delete, whenScaled: Delete}}"""));
    assertThat(spec.path("jvm")).isEqualTo(p.path("jvm"));
    assertThat(spec.path("config")).isEqualTo(p.path("config"));
    assertThat(spec.path("clientService")).isEqualTo(p.path("clientService"));
    JsonNode pod = spec.path("pod");
    assertThat(pod.path("antiAffinity").asText()).isEqualTo("Required");
    assertThat(pod.path("nodeSelector")).isEqualTo(p.path("nodeSelector"));
    assertThat(pod.path("tolerations")).isEqualTo(p.path("tolerations"));
    assertThat(pod.path("priorityClassName")).isEqualTo(p.path("priorityClassName"));
    assertThat(pod.path("labels")).isEqualTo(p.path("podLabels"));
    assertThat(pod.path("annotations")).isEqualTo(p.path("podAnnotations"));
    assertValid(results.get("every-parameter").json());
  }

  @Test
  void heapPercentAndEphemeralStorageRender() {
    JsonNode spec = results.get("heap-percent").json().path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(1);
    assertThat(spec.at("/jvm/heapPercentOfLimit").asInt()).isEqualTo(75);
    assertThat(spec.at("/storage/ephemeral").asBoolean()).isTrue();
    assertValid(results.get("heap-percent").json());
  }

  @Test
  void platformSmallTemplateRendersAValidFixedSizeCluster() {
    JsonNode out = results.get("small-defaults").json();
    assertThat(out.at("/metadata/name").asText()).isEqualTo("catalog-zk");
    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(out.at("/spec/version").asText()).isEqualTo("3.9.5");
    assertThat(out.at("/spec/storage/storageClassName").asText()).isEqualTo("ssd");
    assertThat(out.at("/spec/storage/ephemeral").asBoolean()).isFalse();
    assertValid(out);
    JsonNode ephemeral = results.get("small-ephemeral").json();
    assertThat(ephemeral.at("/spec/version").asText()).isEqualTo("3.8.4");
    assertThat(ephemeral.at("/spec/storage/ephemeral").asBoolean()).isTrue();
    assertValid(ephemeral);
  }

  static void assertValid(JsonNode object) {
    assertThat(ManifestValidator.validate(object)).as("CRD schema problems of %s", object).isEmpty();
  }

  static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
