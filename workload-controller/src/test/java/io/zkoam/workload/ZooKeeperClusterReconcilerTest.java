package io.zkoam.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import io.zkoam.workload.model.Platform;
import io.zkoam.workload.observe.ClusterObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconcile loop on the embedded (mock, CRUD) API, with canned agent answers: writes, status, safety. */
@EnableKubernetesMockClient(crud = true)
class ZooKeeperClusterReconcilerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  static KubernetesMockServer server;
  static KubernetesClient client;

  private final StubAgents agents = new StubAgents();
  private ControllerRuntime runtime;

  @BeforeEach
  void startController() {
    runtime = WorkloadControllerMain.start(client, ControllerOptions.embedded("workload-test"), Platform.KUBERNETES,
        new ReconcileTiming(Duration.ofMillis(200), Duration.ofMillis(300)), new ClusterObserver(agents));
  }

  @AfterEach
  void stopController() {
    runtime.close();
  }

  private ZooKeeperCluster create(String name, String spec) {
    ZooKeeperCluster zk = Fixtures.cluster(name, spec);
    zk.getMetadata().setUid(null);
    return client.resource(zk).create();
  }

  private ZooKeeperCluster get(String name) {
    return client.resources(ZooKeeperCluster.class).inNamespace("ns").withName(name).get();
  }

  private <T extends HasMetadata> T child(Class<T> type, String name) {
    return client.resources(type).inNamespace("ns").withName(name).get();
  }

  private String condition(String cluster, String type) {
    ZooKeeperCluster zk = get(cluster);
    return zk.getStatus() == null ? null : Conditions.find(zk.getStatus().conditions(), type)
        .map(c -> c.getStatus() + "/" + c.getReason()).orElse(null);
  }

  /** A pod as the StatefulSet controller and kubelet would leave it, with its agent answering. */
  private void runPod(String cluster, int ordinal, String revision, String mode) {
    String ip = "127.0.9." + (ordinal + 1);
    Map<String, String> labels = new java.util.HashMap<>(ClusterLabels.of(cluster, "3.9.5"));
    labels.put("controller-revision-hash", revision);
    Pod pod = new PodBuilder().withNewMetadata().withName(cluster + "-" + ordinal).withNamespace("ns")
        .withLabels(labels).endMetadata()
        .withNewStatus().withPodIP(ip).withPhase("Running")
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    client.resource(pod).createOr(existing -> existing.update());
    agents.answer(ip, mode, ordinal + 1);
  }

  private void setUpdateRevision(String cluster, String revision) {
    StatefulSet sts = child(StatefulSet.class, cluster);
    sts.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(3)
        .withUpdateRevision(revision).withCurrentRevision(revision).build());
    client.resource(sts).updateStatus();
  }

  @Test
  void createRendersEveryChildOwnedByTheCluster() {
    ZooKeeperCluster zk = create("alpha", "replicas: 3");
    Await.until(WAIT, "all children of alpha", () -> child(StatefulSet.class, "alpha") != null
        && child(PodDisruptionBudget.class, "alpha") != null && child(Secret.class, "alpha-auth") != null);
    List<HasMetadata> children = List.of(child(ConfigMap.class, "alpha-config"), child(Service.class, "alpha-hs"),
        child(Service.class, "alpha-client"), child(StatefulSet.class, "alpha"),
        child(PodDisruptionBudget.class, "alpha"), child(Secret.class, "alpha-auth"));
    assertThat(children).allSatisfy(c -> assertThat(c.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> {
          assertThat(o.getUid()).isEqualTo(zk.getMetadata().getUid());
          assertThat(o.getController()).isTrue();
        }));
    assertThat(child(StatefulSet.class, "alpha").getSpec().getReplicas()).isEqualTo(3);
    Await.until(WAIT, "status of alpha", () -> "False/Forming".equals(condition("alpha", "Ready")));
    assertThat(get("alpha").getStatus().selector()).contains("app.kubernetes.io/instance=alpha");
  }

  @Test
  void healthyPodsMakeItReadyAndASteadyStateWritesNothing() throws Exception {
    create("beta", "replicas: 3");
    Await.until(WAIT, "StatefulSet beta", () -> child(StatefulSet.class, "beta") != null);
    agents.committedVoters("beta", "100000000", 1, 2, 3);
    runPod("beta", 0, "beta-1", "follower");
    runPod("beta", 1, "beta-1", "leader");
    runPod("beta", 2, "beta-1", "follower");
    setUpdateRevision("beta", "beta-1");
    Await.until(WAIT, "beta Ready", () -> "True/AllMembersServing".equals(condition("beta", "Ready")),
        () -> String.valueOf(get("beta").getStatus()));
    assertThat(get("beta").getStatus().leader()).isEqualTo("beta-1");
    assertThat(get("beta").getStatus().voters()).isEqualTo(3);

    Thread.sleep(1000);
    drainRequests();
    double reconcilesBefore = reconciliations();
    Thread.sleep(2500);
    List<String> writes = drainRequests().stream()
        .filter(r -> !"GET".equals(r.getMethod()))
        .map(r -> r.getMethod() + " " + r.getPath())
        .toList();
    assertThat(reconciliations() - reconcilesBefore).as("reconciles during the window").isGreaterThanOrEqualTo(3);
    assertThat(writes).as("write calls of no-op reconciles").isEmpty();
  }

  @Test
  void aVoterAboveSpecReplicasIsNeverDropped() {
    create("gamma", "replicas: 5");
    Await.until(WAIT, "StatefulSet gamma", () -> child(StatefulSet.class, "gamma") != null);
    agents.committedVoters("gamma", "100000000", 1, 2, 3, 4, 5);
    for (int i = 0; i < 5; i++) {
      runPod("gamma", i, "gamma-1", i == 0 ? "leader" : "follower");
    }
    Await.until(WAIT, "gamma sees 5 voters", () -> Objects.equals(5, get("gamma").getStatus().voters()));

    ZooKeeperCluster scaledDown = get("gamma");
    scaledDown.getSpec();
    client.resources(ZooKeeperCluster.class).inNamespace("ns").withName("gamma").scale(3);
    Await.until(WAIT, "ScaleDownBlocked", () -> "True/VoterWouldBeRemoved".equals(
        condition("gamma", "ScaleDownBlocked")));
    assertThat(child(StatefulSet.class, "gamma").getSpec().getReplicas()).as("pods kept for voters").isEqualTo(5);

    agents.committedVoters("gamma", "100000009", 1, 2, 3);
    Await.until(WAIT, "StatefulSet follows once the voters are gone",
        () -> child(StatefulSet.class, "gamma").getSpec().getReplicas() == 3);
    Await.until(WAIT, "ScaleDownBlocked cleared", () -> "False/NoVoterAffected".equals(
        condition("gamma", "ScaleDownBlocked")));
  }

  @Test
  void specChangePatchesChildrenAndShowsUpdatePendingWithoutRestartingAnything() {
    create("delta", "replicas: 3");
    Await.until(WAIT, "StatefulSet delta", () -> child(StatefulSet.class, "delta") != null);
    agents.committedVoters("delta", "100000000", 1, 2, 3);
    for (int i = 0; i < 3; i++) {
      runPod("delta", i, "delta-1", i == 1 ? "leader" : "follower");
    }
    setUpdateRevision("delta", "delta-1");
    String hashBefore = child(StatefulSet.class, "delta").getSpec().getTemplate().getMetadata().getAnnotations()
        .get(ClusterLabels.CONFIG_HASH_ANNOTATION);

    editSpec("delta", "replicas: 3\nconfig: {tickTime: '1000'}");
    Await.until(WAIT, "ConfigMap patched", () -> child(ConfigMap.class, "delta-config").getData().get("zoo.cfg")
        .contains("tickTime=1000"));
    Await.until(WAIT, "template hash changed", () -> !hashBefore.equals(child(StatefulSet.class, "delta")
        .getSpec().getTemplate().getMetadata().getAnnotations().get(ClusterLabels.CONFIG_HASH_ANNOTATION)));
    setUpdateRevision("delta", "delta-2");
    Await.until(WAIT, "UpdatePending", () -> "True/PodsOnOldRevision".equals(condition("delta", "UpdatePending")));
    assertThat(client.pods().inNamespace("ns").withLabel(ClusterLabels.INSTANCE, "delta").list().getItems())
        .as("no pod deleted by the workload controller").hasSize(3);
  }

  @Test
  void invalidSpecIsReportedAndTheRunningEnsembleIsLeftAlone() {
    create("eps", "replicas: 3");
    Await.until(WAIT, "StatefulSet eps", () -> child(StatefulSet.class, "eps") != null);
    String version = child(StatefulSet.class, "eps").getMetadata().getResourceVersion();
    editSpec("eps", "replicas: 3\nconfig: {skipACL: 'yes', tickTime: '1'}");
    Await.until(WAIT, "InvalidSpec", () -> "False/InvalidSpec".equals(condition("eps", "Ready")));
    assertThat(Conditions.find(get("eps").getStatus().conditions(), "Ready").orElseThrow().getMessage())
        .contains("spec.config.skipACL");
    assertThat(child(StatefulSet.class, "eps").getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(child(ConfigMap.class, "eps-config").getData().get("zoo.cfg")).doesNotContain("tickTime=1\n");
  }

  @Test
  void growingStorageExpandsEveryClaimButNeverShrinksOne() {
    create("theta", "replicas: 2\nstorage: {size: 5Gi}");
    Await.until(WAIT, "StatefulSet theta", () -> child(StatefulSet.class, "theta") != null);
    for (int i = 0; i < 2; i++) {
      client.resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
          .withNewMetadata().withName("data-theta-" + i).withNamespace("ns")
          .withLabels(ClusterLabels.selector("theta")).endMetadata()
          .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
          .addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("5Gi")).endResources().endSpec()
          .build()).create();
    }
    editSpec("theta", "replicas: 2\nstorage: {size: 8Gi}");
    Await.until(WAIT, "claims expanded", () -> client.persistentVolumeClaims().inNamespace("ns").list().getItems()
        .stream().filter(c -> c.getMetadata().getName().startsWith("data-theta-"))
        .allMatch(c -> "8Gi".equals(c.getSpec().getResources().getRequests().get("storage").toString())));
    assertThat(child(StatefulSet.class, "theta").getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources()
        .getRequests().get("storage").toString()).as("claim templates are immutable and stay").isEqualTo("5Gi");

    editSpec("theta", "replicas: 2\nstorage: {size: 4Gi}");
    Await.until(WAIT, "shrink refused", () -> "False/InvalidSpec".equals(condition("theta", "Ready")));
    assertThat(client.persistentVolumeClaims().inNamespace("ns").withName("data-theta-0").get().getSpec()
        .getResources().getRequests().get("storage").toString()).isEqualTo("8Gi");
  }

  @Test
  void serverErrorsAndConflictsAreRetried() {
    server.expect().post().withPath("/apis/apps/v1/namespaces/ns/statefulsets")
        .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"injected\"}").once();
    server.expect().post().withPath("/api/v1/namespaces/ns/configmaps")
        .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"AlreadyExists\"}").once();
    create("zeta", "replicas: 1");
    Await.until(WAIT, "zeta children despite injected failures",
        () -> child(StatefulSet.class, "zeta") != null && child(ConfigMap.class, "zeta-config") != null);
  }

  /** A user's spec edit; retried on 409 because the controller writes status at the same time. */
  private void editSpec(String name, String spec) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.resources(ZooKeeperCluster.class).inNamespace("ns").withName(name).edit(zk -> {
          zk.setSpec(Fixtures.cluster(name, spec).getSpec());
          return zk;
        });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  private double reconciliations() {
    Double value = runtime.registry().getSampleValue("zkoam_reconciliations_total",
        new String[] {"controller", "kind"}, new String[] {"workload-test", "ZooKeeperCluster"});
    return value == null ? 0 : value;
  }

  private static List<RecordedRequest> drainRequests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      requests.add(r);
    }
    return requests;
  }
}
