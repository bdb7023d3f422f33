package io.zkoam.sandbox.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.zkoam.api.testing.Await;
import io.zkoam.sandbox.api.EmbeddedApiServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated StatefulSet controller does what zkoam relies on a real one to do. */
class StatefulSetSimulatorTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private EmbeddedApiServer api;
  private KubernetesClient client;
  private StatefulSetSimulator simulator;

  @BeforeEach
  void start() {
    api = EmbeddedApiServer.start(List.of(), 0, Clock.systemUTC());
    client = api.newClient();
    simulator = new StatefulSetSimulator(api.newClient()).start();
  }

  @AfterEach
  void stop() {
    simulator.close();
    api.close();
  }

  private StatefulSet set(int replicas, String image, String whenScaled) {
    return new StatefulSetBuilder()
        .withNewMetadata().withName("web").withNamespace("ns").endMetadata()
        .withNewSpec().withReplicas(replicas).withServiceName("web-hs").withPodManagementPolicy("Parallel")
        .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec().endTemplate()
        .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
        .withAccessModes("ReadWriteOnce").withNewResources()
        .addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources().endSpec()
        .endVolumeClaimTemplate()
        .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Retain").withWhenScaled(whenScaled)
        .endPersistentVolumeClaimRetentionPolicy()
        .endSpec().build();
  }

  private List<Pod> pods() {
    return client.pods().inNamespace("ns").list().getItems();
  }

  private Pod pod(String name) {
    return client.pods().inNamespace("ns").withName(name).get();
  }

  @Test
  void createsNamedPodsWithClaimsRevisionAndOwner() {
    StatefulSet created = client.resource(set(3, "img:1", "Retain")).create();
    Await.until(WAIT, "3 pods", () -> pods().size() == 3);
    Pod first = pod("web-0");
    assertThat(first.getMetadata().getLabels()).containsEntry("app", "web")
        .containsKey(StatefulSetSimulator.REVISION_LABEL);
    assertThat(first.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
    assertThat(first.getSpec().getHostname()).isEqualTo("web-0");
    assertThat(first.getSpec().getSubdomain()).isEqualTo("web-hs");
    assertThat(first.getSpec().getVolumes()).anySatisfy(v ->
        assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("data-web-0"));
    assertThat(client.persistentVolumeClaims().inNamespace("ns").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("data-web-0", "data-web-1",
            "data-web-2");
    Await.until(WAIT, "status", () -> {
      StatefulSet s = client.apps().statefulSets().inNamespace("ns").withName("web").get();
      return s.getStatus() != null && Integer.valueOf(3).equals(s.getStatus().getReplicas());
    });
  }

  @Test
  void onDeleteKeepsOldPodsAndRecreatesADeletedOneFromTheCurrentTemplate() {
    client.resource(set(2, "img:1", "Retain")).create();
    Await.until(WAIT, "2 pods", () -> pods().size() == 2);
    String oldRevision = pod("web-0").getMetadata().getLabels().get(StatefulSetSimulator.REVISION_LABEL);
    changeImage("img:2");
    Await.until(WAIT, "new update revision", () -> {
      StatefulSet s = client.apps().statefulSets().inNamespace("ns").withName("web").get();
      return s.getStatus() != null && !oldRevision.equals(s.getStatus().getUpdateRevision());
    });
    assertThat(pods()).as("OnDelete: nothing is replaced").allSatisfy(p ->
        assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("img:1"));
    client.pods().inNamespace("ns").withName("web-1").delete();
    Await.until(WAIT, "web-1 recreated on the new template", () -> {
      Pod p = pod("web-1");
      return p != null && "img:2".equals(p.getSpec().getContainers().get(0).getImage());
    });
    assertThat(pod("web-0").getSpec().getContainers().get(0).getImage()).isEqualTo("img:1");
    Await.until(WAIT, "status counts revisions", () -> {
      StatefulSet now = client.apps().statefulSets().inNamespace("ns").withName("web").get();
      return Integer.valueOf(1).equals(now.getStatus().getUpdatedReplicas())
          && oldRevision.equals(now.getStatus().getCurrentRevision());
    });
  }

  /** A user's template edit; retried on 409 because the simulator writes the set's status at the same time. */
  private void changeImage(String image) {
    Await.until(WAIT, "template edited", () -> {
      try {
        client.apps().statefulSets().inNamespace("ns").withName("web").edit(s -> {
          s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
          return s;
        });
        return true;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        return false;
      }
    });
  }

  @Test
  void scaleDownRemovesTheHighestOrdinalsAndFollowsTheClaimPolicy() {
    client.resource(set(4, "img:1", "Delete")).create();
    Await.until(WAIT, "4 pods", () -> pods().size() == 4);
    client.apps().statefulSets().inNamespace("ns").withName("web").scale(2);
    Await.until(WAIT, "2 pods left", () -> pods().size() == 2);
    assertThat(pods()).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("web-0", "web-1");
    Await.until(WAIT, "claims of removed pods deleted", () -> client.persistentVolumeClaims().inNamespace("ns")
        .list().getItems().stream().map(PersistentVolumeClaim::getMetadata).map(m -> m.getName()).sorted().toList()
        .equals(List.of("data-web-0", "data-web-1")));
  }
}
