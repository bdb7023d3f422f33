package io.zkoam.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compare-then-patch on the embedded (mock, CRUD) API: the writes it makes, and the ones it must not make. */
@EnableKubernetesMockClient(crud = true)
class ResourceApplierTest {
  static KubernetesMockServer server;
  static KubernetesClient client;
  private ResourceApplier applier;

  @BeforeEach
  void setUp() {
    applier = new ResourceApplier(client);
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ns")
        .addToLabels("app", "zk").endMetadata().withData(data).build();
  }

  private static StatefulSet statefulSet(String image, String... containers) {
    StatefulSetBuilder b = new StatefulSetBuilder().withNewMetadata().withName("zk").withNamespace("ns").endMetadata()
        .withNewSpec().withReplicas(3).withNewTemplate().withNewSpec().endSpec().endTemplate().endSpec();
    StatefulSet sts = b.build();
    for (String c : containers) {
      sts.getSpec().getTemplate().getSpec().getContainers().add(
          new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(c).withImage(image).build());
    }
    return sts;
  }

  @Test
  void createsThenDoesNothingWhileUnchanged() throws Exception {
    Applied<ConfigMap> created = applier.apply(configMap("a", Map.of("k", "v")), null);
    assertThat(created.outcome()).isEqualTo(ApplyOutcome.CREATED);
    ConfigMap live = client.configMaps().inNamespace("ns").withName("a").get();
    int before = server.getRequestCount();
    Applied<ConfigMap> again = applier.apply(configMap("a", Map.of("k", "v")), live);
    assertThat(again.outcome()).isEqualTo(ApplyOutcome.UNCHANGED);
    assertThat(server.getRequestCount()).as("requests for a no-op apply").isEqualTo(before);
  }

  @Test
  void patchesOnlyWhatDiffersAndKeepsForeignFields() {
    applier.apply(configMap("b", Map.of("k", "v")), null);
    ConfigMap live = client.configMaps().inNamespace("ns").withName("b").edit(cm -> {
      cm.getMetadata().getLabels().put("owner-of-other-tool", "x");
      return cm;
    });
    Applied<ConfigMap> patched = applier.apply(configMap("b", Map.of("k", "v2")), live);
    assertThat(patched.outcome()).isEqualTo(ApplyOutcome.PATCHED);
    ConfigMap after = client.configMaps().inNamespace("ns").withName("b").get();
    assertThat(after.getData()).containsEntry("k", "v2");
    assertThat(after.getMetadata().getLabels()).containsEntry("owner-of-other-tool", "x").containsEntry("app", "zk");
  }

  @Test
  void listsAreReplacedNotAppended() {
    applier.apply(statefulSet("zookeeper:3.9.4", "zookeeper", "agent"), null);
    for (int i = 0; i < 3; i++) {
      StatefulSet live = client.apps().statefulSets().inNamespace("ns").withName("zk").get();
      applier.apply(statefulSet("zookeeper:3.9.5", "zookeeper", "agent"), live);
    }
    StatefulSet live = client.apps().statefulSets().inNamespace("ns").withName("zk").get();
    assertThat(live.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName() + "=" + c.getImage())
        .containsExactly("zookeeper=zookeeper:3.9.5", "agent=zookeeper:3.9.5");
    applier.apply(statefulSet("zookeeper:3.9.5", "zookeeper"), live);
    assertThat(client.apps().statefulSets().inNamespace("ns").withName("zk").get()
        .getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
  }

  @Test
  void aFieldNoLongerDesiredIsRemovedAndThenNothingIsWritten() {
    StatefulSet withSelector = named(statefulSet("img:1", "c"), "sel");
    withSelector.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("pool", "old"));
    applier.apply(withSelector, null);
    StatefulSet live = client.apps().statefulSets().inNamespace("ns").withName("sel").get();
    assertThat(applier.apply(named(statefulSet("img:1", "c"), "sel"), live).outcome())
        .isEqualTo(ApplyOutcome.PATCHED);
    live = client.apps().statefulSets().inNamespace("ns").withName("sel").get();
    assertThat(live.getSpec().getTemplate().getSpec().getNodeSelector()).isNullOrEmpty();
    int before = server.getRequestCount();
    assertThat(applier.apply(named(statefulSet("img:1", "c"), "sel"), live).outcome())
        .isEqualTo(ApplyOutcome.UNCHANGED);
    assertThat(server.getRequestCount()).isEqualTo(before);
  }

  private static StatefulSet named(StatefulSet set, String name) {
    set.getMetadata().setName(name);
    return set;
  }

  @Test
  void secretsAreNeverRecordedInAnAnnotation() {
    applier.apply(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("s")
        .withNamespace("ns").endMetadata().addToData("k", "c2VjcmV0").build(), null);
    assertThat(client.secrets().inNamespace("ns").withName("s").get().getMetadata().getAnnotations())
        .doesNotContainKey(LastApplied.ANNOTATION);
  }

  @Test
  void createIfAbsentNeverTouchesAnExistingObject() {
    applier.apply(configMap("c", Map.of("secret", "first")), null);
    ConfigMap live = client.configMaps().inNamespace("ns").withName("c").get();
    int before = server.getRequestCount();
    assertThat(applier.createIfAbsent(configMap("c", Map.of("secret", "second")), live).outcome())
        .isEqualTo(ApplyOutcome.UNCHANGED);
    assertThat(server.getRequestCount()).isEqualTo(before);
    assertThat(client.configMaps().inNamespace("ns").withName("c").get().getData()).containsEntry("secret", "first");
  }

  @Test
  void reconcileToNothingDeletes() {
    applier.apply(configMap("d", Map.of()), null);
    ConfigMap live = client.configMaps().inNamespace("ns").withName("d").get();
    assertThat(applier.reconcile(null, live).outcome()).isEqualTo(ApplyOutcome.DELETED);
    assertThat(client.configMaps().inNamespace("ns").withName("d").get()).isNull();
    assertThat(applier.reconcile(null, null).outcome()).isEqualTo(ApplyOutcome.ABSENT);
  }
}
