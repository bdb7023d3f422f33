package io.zkoam.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.sandbox.check.CheckReport;
import io.zkoam.sandbox.check.WorkloadChecker;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One ZooKeeperCluster through its life on the sandbox, where real servers form a quorum under the workload
 * controller: it forms, serves clients, survives a pod deletion and a peer crash without losing an acknowledged write,
 * drops its disruption budget and grows its claims when told to, and its deletion removes everything but the claims.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLifecycleIT {
  private static final Duration FORM = Duration.ofSeconds(120);
  private static final String NS = "default";
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.forTests());
    sandbox.apply(Sandbox.sample("zookeepercluster.yaml"));
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  static ZooKeeperCluster cluster() {
    return sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").get();
  }

  static boolean condition(String type, boolean expected) {
    ZooKeeperCluster zk = cluster();
    return zk != null && zk.getStatus() != null
        && Conditions.isTrue(zk.getStatus().conditions(), type) == expected
        && Conditions.find(zk.getStatus().conditions(), type).isPresent();
  }

  static String describe() {
    ZooKeeperCluster zk = cluster();
    List<Pod> pods = sandbox.client().pods().inNamespace(NS).list().getItems();
    return "status=" + (zk == null ? null : zk.getStatus()) + "\npods=" + pods.stream()
        .map(p -> p.getMetadata().getName() + ":" + (p.getStatus() == null ? null : p.getStatus().getPhase()))
        .collect(Collectors.joining(","));
  }

  /** A checker that is already writing, so the fault that follows hits a live workload. */
  static WorkloadChecker startChecker() {
    WorkloadChecker checker = sandbox.checker(NS, "zk", Duration.ofMillis(20)).start();
    Await.until(Duration.ofSeconds(30), "writes flowing", () -> checker.acknowledgedSoFar() >= 25);
    return checker;
  }

  static void awaitMoreWrites(WorkloadChecker checker) {
    long now = checker.acknowledgedSoFar();
    Await.until(Duration.ofSeconds(30), "writes flowing again", () -> checker.acknowledgedSoFar() >= now + 25);
  }

  static boolean podReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static void awaitReady() {
    Await.until(FORM, "zk Ready", () -> condition("Ready", true), ClusterLifecycleIT::describe);
  }

  @Test
  @Order(1)
  void clusterOfThreeBecomesReadyWithOneLeaderAndServesClients() throws Exception {
    awaitReady();
    ZooKeeperCluster zk = cluster();
    assertThat(zk.getStatus().voters()).isEqualTo(3);
    assertThat(zk.getStatus().leader()).startsWith("zk-");
    assertThat(zk.getStatus().pods()).extracting(p -> p.mode()).containsOnly("leader", "follower")
        .containsOnlyOnce("leader");
    assertThat(zk.getStatus().members()).hasSize(3);

    String connect = sandbox.client().pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", "zk")
        .list().getItems().stream().map(p -> p.getStatus().getPodIP() + ":2181").collect(Collectors.joining(","));
    try (ZooKeeper client = new ZooKeeper(connect, 10_000, e -> { })) {
      Await.until(Duration.ofSeconds(20), "client connected", () -> client.getState().isConnected());
      client.create("/hello", "world".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT);
      assertThat(new String(client.getData("/hello", false, null), StandardCharsets.UTF_8)).isEqualTo("world");
    }
  }

  @Test
  @Order(2)
  void deletedPodReturnsWithItsDataAndNoAcknowledgedWriteIsLost() {
    awaitReady();
    String uidBefore = sandbox.client().pods().inNamespace(NS).withName("zk-1").get().getMetadata().getUid();
    WorkloadChecker checker = startChecker();
    sandbox.client().pods().inNamespace(NS).withName("zk-1").delete();
    Await.until(FORM, "zk-1 back and ready", () -> {
      Pod pod = sandbox.client().pods().inNamespace(NS).withName("zk-1").get();
      return pod != null && !pod.getMetadata().getUid().equals(uidBefore) && podReady(pod);
    }, ClusterLifecycleIT::describe);
    awaitReady();
    awaitMoreWrites(checker);
    CheckReport report = checker.stopAndVerify();
    assertThat(report.acknowledged()).as(report.toString()).isGreaterThan(50);
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(cluster().getStatus().voters()).isEqualTo(3);
  }

  @Test
  @Order(3)
  void crashOfOnePeerKeepsQuorumShowsDegradedAndRecovers() {
    awaitReady();
    String victim = cluster().getStatus().pods().stream().filter(p -> "follower".equals(p.mode()))
        .map(p -> p.name()).findFirst().orElseThrow();
    WorkloadChecker checker = startChecker();
    sandbox.node().crashAndHold(NS, victim, "zookeeper");
    Await.until(Duration.ofSeconds(30), "Degraded", () -> condition("Degraded", true), ClusterLifecycleIT::describe);
    assertThat(condition("QuorumAvailable", true)).as("quorum holds with 2 of 3").isTrue();
    sandbox.node().startContainer(NS, victim, "zookeeper");
    Await.until(FORM, "recovered", () -> condition("Degraded", false) && condition("Ready", true),
        ClusterLifecycleIT::describe);
    awaitMoreWrites(checker);
    CheckReport report = checker.stopAndVerify();
    assertThat(report.acknowledged()).as(report.toString()).isGreaterThan(50);
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.leaderElections()).as("a follower crash causes no election: " + report).isZero();
  }

  @Test
  @Order(4)
  void anExtraPodStaysNonVotingAndSurvivesAServerRestartBeforeBeingAdded() {
    awaitReady();
    sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").scale(4);
    Await.until(FORM, "zk-3 runs as a non-voting follower", () -> nonVotingFollower("zk-3"),
        ClusterLifecycleIT::describe);
    assertThat(cluster().getStatus().voters()).as("without a ScalerTrait the ensemble keeps 3 voters").isEqualTo(3);

    // ZooKeeper rewrote zk-3's config without zk-3; the init step that runs before every server start repairs it.
    sandbox.node().crash(NS, "zk-3", "zookeeper");
    Await.until(Duration.ofSeconds(10), "zk-3 noticed down", () -> !podReady(
        sandbox.client().pods().inNamespace(NS).withName("zk-3").get()));
    Await.until(FORM, "zk-3 back as a non-voting follower after its restart", () -> nonVotingFollower("zk-3"),
        ClusterLifecycleIT::describe);
    Pod restarted = sandbox.client().pods().inNamespace(NS).withName("zk-3").get();
    assertThat(restarted.getStatus().getContainerStatuses()).filteredOn(c -> c.getName().equals("zookeeper"))
        .singleElement().satisfies(c -> assertThat(c.getRestartCount()).isEqualTo(1));

    sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").scale(3);
    Await.until(FORM, "the non-voting pod is removed", () ->
        sandbox.client().pods().inNamespace(NS).withName("zk-3").get() == null);
    awaitReady();
  }

  static boolean nonVotingFollower(String pod) {
    ZooKeeperCluster zk = cluster();
    Pod p = sandbox.client().pods().inNamespace(NS).withName(pod).get();
    return p != null && podReady(p) && zk.getStatus() != null && zk.getStatus().pods().stream()
        .anyMatch(o -> o.name().equals(pod) && "follower".equals(o.mode()) && Boolean.FALSE.equals(o.voter()));
  }

  /**
   * spec.disruptionBudget.enabled false deletes the PodDisruptionBudget; a larger spec.storage.size patches every
   * existing claim (claim templates are immutable). deploy-tests' RbacTest relies on this to see both in use.
   */
  @Test
  @Order(5)
  void turningTheBudgetOffDeletesItAndGrowingStorageExpandsEveryClaim() {
    awaitReady();
    String budget = ClusterNames.disruptionBudget("zk");
    assertThat(sandbox.client().policy().v1().podDisruptionBudget().inNamespace(NS).withName(budget).get())
        .isNotNull();
    BigDecimal grown = Quantity.getAmountInBytes(new Quantity(cluster().getSpec().storage().size()))
        .multiply(BigDecimal.valueOf(2));
    sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"disruptionBudget\":{\"enabled\":false},"
            + "\"storage\":{\"size\":\"" + grown.toBigInteger() + "\"}}}");
    Await.until(FORM, "budget deleted and claims expanded", () ->
        sandbox.client().policy().v1().podDisruptionBudget().inNamespace(NS).withName(budget).get() == null
            && sandbox.client().persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
                .filter(c -> List.of("data-zk-0", "data-zk-1", "data-zk-2").contains(c.getMetadata().getName()))
                .filter(c -> Quantity.getAmountInBytes(c.getSpec().getResources().getRequests().get("storage"))
                    .compareTo(grown) == 0).count() == 3,
        ClusterLifecycleIT::describe);
    awaitReady();
  }

  @Test
  @Order(6)
  void deletingTheClusterRemovesEverythingButTheClaims() {
    awaitReady();
    sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").delete();
    Await.until(Duration.ofSeconds(60), "children garbage collected", () ->
        sandbox.client().apps().statefulSets().inNamespace(NS).list().getItems().isEmpty()
            && sandbox.client().pods().inNamespace(NS).list().getItems().isEmpty()
            && sandbox.client().configMaps().inNamespace(NS).withName("zk-config").get() == null
            && sandbox.client().services().inNamespace(NS).list().getItems().isEmpty()
            && sandbox.client().secrets().inNamespace(NS).withName("zk-auth").get() == null);
    List<PersistentVolumeClaim> claims = sandbox.client().persistentVolumeClaims().inNamespace(NS).list().getItems();
    assertThat(claims).extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("data-zk-0", "data-zk-1", "data-zk-2", "data-zk-3");
    assertThat(Objects.requireNonNull(sandbox.client().pods().inNamespace(NS).list().getItems())).isEmpty();
  }
}
