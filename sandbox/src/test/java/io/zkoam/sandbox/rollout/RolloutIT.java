package io.zkoam.sandbox.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.RolloutTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.rollout.RolloutHooks;
import io.zkoam.rollout.RolloutTraitMain;
import io.zkoam.sandbox.Sandbox;
import io.zkoam.sandbox.SandboxOptions;
import io.zkoam.sandbox.check.CheckReport;
import io.zkoam.sandbox.check.WorkloadChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The RolloutTrait on the sandbox, with real ZooKeeper servers: a version change rolls every pod followers first and
 * the leader last with one leader election and no lost write; partition, pause and restartAt do what they say; a pod
 * that does not come back blocks the rollout until it does; a controller restarted mid-rollout never has two pods
 * down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutIT {
  private static final Duration ROLL = Duration.ofSeconds(240);
  private static final Duration SHORT = Duration.ofSeconds(60);
  private static final String NS = "default";
  private static final AtomicBoolean CRASH_ARMED = new AtomicBoolean();
  private static final AtomicInteger CRASHES = new AtomicInteger();
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.forTests().withRolloutHooks(RolloutIT::hooks));
    sandbox.apply(Sandbox.sample("zookeepercluster.yaml"));
    awaitClusterReady("zk");
    sandbox.apply(trait("zk-rollout", "zk", "maxUnavailable: 1\n  pauseBetweenPods: 0s\n  podReadyTimeout: 5m"));
    awaitPhase("zk-rollout", Phase.Complete);
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** Hooks for one start of the controller: a crash point armed by a test. */
  static RolloutHooks hooks() {
    AtomicBoolean dead = new AtomicBoolean();
    return new RolloutHooks() {
      @Override
      public void reconciling(RolloutTrait trait) {
        if (dead.get()) {
          throw new IllegalStateException("this rollout controller crashed and awaits its replacement");
        }
      }

      @Override
      public void deletionRecorded(RolloutTrait trait, RolloutStep step) {
        if (CRASH_ARMED.compareAndSet(true, false)) {
          dead.set(true);
          CRASHES.incrementAndGet();
          throw new IllegalStateException("simulated crash after recording the deletion of " + step.pod());
        }
      }
    };
  }

  @Test
  @Order(1)
  void aVersionChangeRollsEveryPodLeaderLastWithOneElectionAndNoLostWrite() {
    String leader = cluster("zk").getStatus().leader();
    Map<String, String> uids = uids("zk");
    try (DownSampler down = DownSampler.start(sandbox, "zk")) {
      WorkloadChecker checker = startChecker("zk");
      setVersion("zk", "3.9.4");
      awaitComplete("zk-rollout", "zk", 3);
      awaitMoreWrites(checker);
      CheckReport report = checker.stopAndVerify();
      assertThat(report.lost()).as(report.toString()).isZero();
      assertThat(report.leaderElections()).as("one election per rollout: " + report).isEqualTo(1);
      assertThat(down.max()).as("pods away at once").isLessThanOrEqualTo(1);
    }
    assertThat(restartOrder("zk-rollout")).as("the leader restarts last").endsWith(leader).hasSize(3);
    assertThat(uids("zk")).allSatisfy((pod, uid) -> assertThat(uid).isNotEqualTo(uids.get(pod)));
    assertThat(rollout("zk-rollout").getStatus().leaderElections()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void aPartitionHoldsTheLowerOrdinalsAndLoweringItContinues() {
    patchTrait("zk-rollout", "{\"spec\":{\"partition\":2}}");
    setVersion("zk", "3.9.3");
    Await.until(ROLL, "only zk-2 updated", () -> {
      RolloutTrait t = rollout("zk-rollout");
      return t.getStatus() != null && t.getStatus().phase() == Phase.Idle
          && Integer.valueOf(1).equals(t.getStatus().updatedReplicas())
          && condition(t, ConditionTypes.READY).equals("PartitionHolds");
    }, RolloutIT::describe);
    String target = cluster("zk").getStatus().updateRevision();
    assertThat(revisions("zk")).containsEntry("zk-2", target).doesNotContainEntry("zk-0", target)
        .doesNotContainEntry("zk-1", target);
    patchTrait("zk-rollout", "{\"spec\":{\"partition\":0}}");
    awaitComplete("zk-rollout", "zk", 3);
  }

  @Test
  @Order(3)
  void pausedStopsBetweenPodsAndUnpausingContinues() {
    patchTrait("zk-rollout", "{\"spec\":{\"paused\":true}}");
    Map<String, String> uids = uids("zk");
    setVersion("zk", "3.9.2");
    Await.until(SHORT, "Paused", () -> rollout("zk-rollout").getStatus().phase() == Phase.Paused,
        RolloutIT::describe);
    Await.until(SHORT, "the workload shows the pending update", () -> Conditions.isTrue(
        cluster("zk").getStatus().conditions(), ConditionTypes.UPDATE_PENDING));
    assertThat(uids("zk")).as("no pod restarted while paused").isEqualTo(uids);
    patchTrait("zk-rollout", "{\"spec\":{\"paused\":false}}");
    awaitComplete("zk-rollout", "zk", 3);
  }

  @Test
  @Order(4)
  void restartAtRestartsEveryPodOnce() {
    Map<String, String> before = uids("zk");
    String at = Conditions.timestamp(Instant.now());
    patchTrait("zk-rollout", "{\"spec\":{\"restartAt\":\"" + at + "\"}}");
    Await.until(ROLL, "restartAt applied", () -> at.equals(rollout("zk-rollout").getStatus().restartAtApplied())
        && rollout("zk-rollout").getStatus().phase() == Phase.Complete, RolloutIT::describe);
    Map<String, String> after = uids("zk");
    assertThat(after).allSatisfy((pod, uid) -> assertThat(uid).isNotEqualTo(before.get(pod)));
    awaitClusterReady("zk");
    assertThat(uids("zk")).as("each pod restarted once").isEqualTo(after);
  }

  @Test
  @Order(5)
  void aPodThatDoesNotComeBackBlocksTheRolloutUntilItDoes() {
    patchTrait("zk-rollout", "{\"spec\":{\"podReadyTimeout\":\"15s\"}}");
    Map<String, String> before = uids("zk");
    String leader = cluster("zk").getStatus().leader();
    setVersion("zk", "3.9.1");
    // The first pod to come back gets its server killed and held down.
    String[] victim = new String[1];
    Await.until(ROLL, "a pod replaced", () -> {
      Map<String, String> now = uids("zk");
      return now.entrySet().stream().filter(e -> before.containsKey(e.getKey())
          && !e.getValue().equals(before.get(e.getKey()))).findFirst().map(e -> victim[0] = e.getKey()).isPresent();
    });
    Await.until(SHORT, victim[0] + "'s server held down", () -> {
      try {
        sandbox.node().crashAndHold(NS, victim[0], "zookeeper");
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    });
    Await.until(SHORT, "blocked on " + victim[0], () -> {
      RolloutTrait t = rollout("zk-rollout");
      return t.getStatus().phase() == Phase.Blocked && condition(t, ConditionTypes.BLOCKED).equals("PodNotReady");
    }, RolloutIT::describe);
    assertThat(Conditions.find(rollout("zk-rollout").getStatus().conditions(), ConditionTypes.BLOCKED)
        .orElseThrow().getMessage()).contains(victim[0]);
    Map<String, String> blocked = uids("zk");
    blocked.forEach((pod, uid) -> {
      if (!pod.equals(victim[0])) {
        assertThat(uid).as("nothing else restarted: " + pod).isEqualTo(before.get(pod));
      }
    });
    assertThat(victim[0]).isNotEqualTo(leader);

    sandbox.node().startContainer(NS, victim[0], "zookeeper");
    awaitComplete("zk-rollout", "zk", 3);
  }

  @Test
  @Order(6)
  void aControllerKilledRightAfterRecordingADeletionResumesWithOnePodDownAtMost() {
    patchTrait("zk-rollout", "{\"spec\":{\"podReadyTimeout\":\"5m\"}}");
    try (DownSampler down = DownSampler.start(sandbox, "zk")) {
      CRASH_ARMED.set(true);
      setVersion("zk", "3.9.0");
      Await.until(ROLL, "controller crash", () -> CRASHES.get() == 1, RolloutIT::describe);
      sandbox.restartController(RolloutTraitMain.NAME);
      awaitComplete("zk-rollout", "zk", 3);
      assertThat(down.max()).as("pods away at once").isLessThanOrEqualTo(1);
    }
  }

  @Test
  @Order(7)
  void aFiveMemberClusterRollsLeaderLastWithOneElection() {
    sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").delete();
    Await.until(SHORT, "zk's pods gone", () -> sandbox.client().pods().inNamespace(NS).list().getItems().isEmpty());
    sandbox.apply("""
        apiVersion: zkoam.io/v1alpha1
        kind: ZooKeeperCluster
        metadata: {name: five}
        spec: {replicas: 5, version: "3.9.5", storage: {size: 1Gi}}
        """);
    awaitClusterReady("five");
    sandbox.apply(trait("five-rollout", "five", "maxUnavailable: 1\n  pauseBetweenPods: 0s"));
    awaitPhase("five-rollout", Phase.Complete);
    String leader = cluster("five").getStatus().leader();
    try (DownSampler down = DownSampler.start(sandbox, "five")) {
      WorkloadChecker checker = startChecker("five");
      setVersion("five", "3.9.4");
      awaitComplete("five-rollout", "five", 5);
      awaitMoreWrites(checker);
      CheckReport report = checker.stopAndVerify();
      assertThat(report.lost()).as(report.toString()).isZero();
      assertThat(report.leaderElections()).as("one election per rollout: " + report).isEqualTo(1);
      assertThat(down.max()).isLessThanOrEqualTo(1);
    }
    assertThat(restartOrder("five-rollout")).endsWith(leader).hasSize(5);
  }

  private static String trait(String name, String cluster, String extra) {
    return "apiVersion: zkoam.io/v1alpha1\nkind: RolloutTrait\nmetadata:\n  name: " + name + "\nspec:\n"
        + "  workloadRef: {apiVersion: zkoam.io/v1alpha1, kind: ZooKeeperCluster, name: " + cluster + "}\n  "
        + extra + "\n";
  }

  /** Pods in the order the controller announced their restarts, for the latest rollout of a trait. */
  private static List<String> restartOrder(String trait) {
    List<io.fabric8.kubernetes.api.model.Event> restarting = sandbox.client().v1().events().inNamespace(NS).list()
        .getItems().stream().filter(e -> trait.equals(e.getInvolvedObject().getName())
            && "PodRestarting".equals(e.getReason()))
        .sorted(java.util.Comparator.comparing(e -> e.getMetadata().getCreationTimestamp() + "/"
            + String.format("%012d", Long.parseLong(e.getMetadata().getResourceVersion()))))
        .toList();
    int pods = cluster(trait.equals("five-rollout") ? "five" : "zk").getSpec().replicas();
    return restarting.subList(Math.max(0, restarting.size() - pods), restarting.size()).stream()
        .map(e -> e.getMessage().split(" ")[1]).toList();
  }

  /** Changes the version and returns once the workload controller publishes the new revision. */
  private static void setVersion(String cluster, String version) {
    String before = cluster(cluster).getStatus().updateRevision();
    sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName(cluster)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"version\":\"" + version + "\"}}");
    Await.until(SHORT, cluster + " on a new revision", () -> {
      String now = cluster(cluster).getStatus().updateRevision();
      return now != null && !now.equals(before);
    });
  }

  private static void patchTrait(String name, String patch) {
    sandbox.client().resources(RolloutTrait.class).inNamespace(NS).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  private static void awaitComplete(String trait, String cluster, int pods) {
    Await.until(ROLL, trait + " Complete", () -> {
      RolloutTrait t = rollout(trait);
      ZooKeeperCluster zk = cluster(cluster);
      return t.getStatus() != null && t.getStatus().phase() == Phase.Complete
          && Integer.valueOf(pods).equals(t.getStatus().updatedReplicas())
          && zk.getStatus() != null && zk.getStatus().updateRevision() != null
          && zk.getStatus().updateRevision().equals(t.getStatus().targetRevision())
          && !Conditions.isTrue(zk.getStatus().conditions(), ConditionTypes.UPDATE_PENDING)
          && Conditions.isTrue(zk.getStatus().conditions(), ConditionTypes.READY);
    }, RolloutIT::describe);
  }

  private static void awaitPhase(String trait, Phase phase) {
    Await.until(ROLL, trait + " " + phase, () -> {
      RolloutTrait t = rollout(trait);
      return t != null && t.getStatus() != null && t.getStatus().phase() == phase;
    }, RolloutIT::describe);
  }

  private static void awaitClusterReady(String name) {
    Await.until(Duration.ofSeconds(150), name + " Ready", () -> {
      ZooKeeperCluster zk = cluster(name);
      return zk != null && zk.getStatus() != null && Conditions.isTrue(zk.getStatus().conditions(), "Ready")
          && !Conditions.isTrue(zk.getStatus().conditions(), "Degraded");
    }, RolloutIT::describe);
  }

  private static WorkloadChecker startChecker(String cluster) {
    WorkloadChecker checker = sandbox.checker(NS, cluster, Duration.ofMillis(20)).start();
    Await.until(Duration.ofSeconds(30), "writes flowing", () -> checker.acknowledgedSoFar() >= 25);
    return checker;
  }

  private static void awaitMoreWrites(WorkloadChecker checker) {
    long now = checker.acknowledgedSoFar();
    Await.until(Duration.ofSeconds(30), "writes flowing again", () -> checker.acknowledgedSoFar() >= now + 25);
  }

  private static String condition(RolloutTrait t, String type) {
    return Conditions.find(t.getStatus().conditions(), type).map(c -> c.getReason()).orElse("");
  }

  private static Map<String, String> uids(String cluster) {
    return pods(cluster).stream().collect(Collectors.toMap(p -> p.getMetadata().getName(),
        p -> p.getMetadata().getUid()));
  }

  private static Map<String, String> revisions(String cluster) {
    return pods(cluster).stream().collect(Collectors.toMap(p -> p.getMetadata().getName(),
        p -> p.getMetadata().getLabels().getOrDefault("controller-revision-hash", "")));
  }

  private static List<Pod> pods(String cluster) {
    return sandbox.client().pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", cluster).list()
        .getItems();
  }

  private static RolloutTrait rollout(String name) {
    return sandbox.client().resources(RolloutTrait.class).inNamespace(NS).withName(name).get();
  }

  private static ZooKeeperCluster cluster(String name) {
    return sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName(name).get();
  }

  static String describe() {
    return "\nrollouts=" + sandbox.client().resources(RolloutTrait.class).inNamespace(NS).list().getItems().stream()
        .map(t -> t.getMetadata().getName() + ":" + t.getStatus()).collect(Collectors.joining("\n  "))
        + "\nclusters=" + sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).list().getItems()
        .stream().map(z -> z.getMetadata().getName() + ":" + z.getStatus()).collect(Collectors.joining("\n  "));
  }
}
