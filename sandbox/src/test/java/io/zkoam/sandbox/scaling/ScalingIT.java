package io.zkoam.sandbox.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.sandbox.Sandbox;
import io.zkoam.sandbox.SandboxOptions;
import io.zkoam.sandbox.check.CheckReport;
import io.zkoam.sandbox.check.ConfigHistory;
import io.zkoam.sandbox.check.WorkloadChecker;
import io.zkoam.scaler.ScalerTraitMain;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ScalerTrait on the sandbox, where real ZooKeeper servers change membership by reconfig: the sample trait grows
 * and shrinks the sample cluster one server at a time without losing an acknowledged write, survives its controller
 * crashing at the worst moments, blocks while a voter is down, and refuses what it must refuse without changing
 * anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScalingIT {
  private static final Duration STEPS = Duration.ofSeconds(240);
  private static final Duration SHORT = Duration.ofSeconds(60);
  private static final String NS = "default";
  private static final CrashPoints CRASH_POINTS = new CrashPoints();
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.forTests().withScalerHooks(CRASH_POINTS::newInstance));
    sandbox.apply(Sandbox.sample("zookeepercluster.yaml"));
    Await.until(Duration.ofSeconds(120), "zk Ready", () -> clusterCondition(ConditionTypes.READY), ScalingIT::describe);
    sandbox.apply(Sandbox.sample("scalertrait.yaml"));
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  @Order(1)
  void theSampleScalerKeepsThreeVotersAndOwnsNothingButItsStatus() {
    awaitIdle("zk-scaler", 3);
    ScalerTrait trait = scaler("zk-scaler");
    assertThat(trait.getStatus().step()).isNull();
    assertThat(trait.getStatus().observedGeneration()).isEqualTo(trait.getMetadata().getGeneration());
    assertThat(trait.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("ZooKeeperCluster");
      assertThat(ref.getName()).isEqualTo("zk");
      assertThat(ref.getController()).isFalse();
    });
    assertThat(cluster().getSpec().replicas()).isEqualTo(3);
  }

  @Test
  @Order(2)
  void growsToFiveAndShrinksToThreeOneServerAtATimeWithoutLosingAWrite() {
    WorkloadChecker checker = startChecker();
    setTarget("zk-scaler", 5);
    awaitIdle("zk-scaler", 5);
    assertThat(cluster().getStatus().voters()).isEqualTo(5);
    assertThat(cluster().getSpec().replicas()).isEqualTo(5);

    setTarget("zk-scaler", 3);
    awaitIdle("zk-scaler", 3);
    Await.until(SHORT, "zk-3 and zk-4 gone", () -> pod("zk-3").isEmpty() && pod("zk-4").isEmpty(),
        ScalingIT::describe);
    assertThat(cluster().getSpec().replicas()).isEqualTo(3);
    awaitMoreWrites(checker);
    CheckReport report = checker.stopAndVerify();
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.acknowledged()).as(report.toString()).isGreaterThan(100);

    List<ConfigHistory.Version> history = ConfigHistory.read(sandbox.workDir());
    assertThat(ConfigHistory.multiServerChanges(history)).as("every committed change moved one server").isEmpty();
    assertThat(history.stream().map(v -> v.voters().size()).toList())
        .as("voter counts of the committed configurations").containsSubsequence(3, 4, 5, 4, 3);
    // whenScaled: Retain in the sample: the removed pods' claims stay, for a later scale-up to find.
    assertThat(sandbox.client().persistentVolumeClaims().inNamespace(NS).list().getItems())
        .extracting(PersistentVolumeClaim::getMetadata).extracting(m -> m.getName())
        .contains("data-zk-3", "data-zk-4");
  }

  @Test
  @Order(3)
  void aControllerKilledAfterRecordingAStepAndAfterTheReconfigResumesAndConverges() {
    // The claims of zk-3 and zk-4 still hold the data of their earlier membership: init must not bring it back.
    CRASH_POINTS.crashAt(CrashPoints.Point.STEP_RECORDED, s -> s.action() == Action.AddVoter);
    setTarget("zk-scaler", 5);
    awaitCrashAndRestart(1);
    CRASH_POINTS.crashAt(CrashPoints.Point.ACTION_TAKEN, s -> s.action() == Action.AddVoter);
    awaitCrashAndRestart(2);
    awaitIdle("zk-scaler", 5);
    assertThat(cluster().getStatus().voters()).isEqualTo(5);
    assertThat(ConfigHistory.multiServerChanges(ConfigHistory.read(sandbox.workDir()))).isEmpty();
    assertThat(eventReasons("zk-scaler")).as("the new controller finished the recorded steps, none planned anew")
        .doesNotContain("StepAbandoned");
    for (int ordinal : new int[] {3, 4}) {
      assertThat(log("zk-" + ordinal, "init")).as("the retained claim of zk-%d came back without its old state",
          ordinal).contains("wiping stale ZooKeeper data of server " + (ordinal + 1));
    }
  }

  private static String log(String pod, String container) {
    try {
      return java.nio.file.Files.readString(sandbox.node().logFile(NS, pod, container).orElseThrow());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(4)
  void aVoterThatCrashesDuringAScaleDownBlocksItUntilTheVoterIsBack() {
    awaitIdle("zk-scaler", 5);
    String victim = cluster().getStatus().pods().stream()
        .filter(p -> "follower".equals(p.mode()) && p.serverId() <= 3).map(PodObservation::name)
        .findFirst().orElseThrow();
    // After the first voter is removed and its pod is about to go, a remaining voter's server dies.
    CRASH_POINTS.pauseAt(CrashPoints.Point.STEP_RECORDED, s -> s.action() == Action.RemovePod, s -> {
      sandbox.node().crashAndHold(NS, victim, "zookeeper");
      Await.until(SHORT, victim + " not ready in the workload status", () -> cluster().getStatus().pods().stream()
          .anyMatch(p -> p.name().equals(victim) && !Boolean.TRUE.equals(p.ready())));
    });
    WorkloadChecker checker = startChecker();
    setTarget("zk-scaler", 3);
    Await.until(STEPS, "scaler blocked by " + victim, () -> {
      ScalerTrait t = scaler("zk-scaler");
      return t.getStatus() != null && t.getStatus().phase() == Phase.Blocked
          && condition(t, ConditionTypes.BLOCKED).filter(c -> "VoterNotReady".equals(c.getReason())
              && c.getMessage().contains(victim)).isPresent();
    }, ScalingIT::describe);
    assertThat(cluster().getStatus().voters()).as("nothing removed while a voter is down").isEqualTo(4);
    assertThat(scaler("zk-scaler").getStatus().step()).as("no step taken while blocked").isNull();

    sandbox.node().startContainer(NS, victim, "zookeeper");
    awaitIdle("zk-scaler", 3);
    awaitMoreWrites(checker);
    CheckReport report = checker.stopAndVerify();
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(ConfigHistory.multiServerChanges(ConfigHistory.read(sandbox.workDir()))).isEmpty();
  }

  @Test
  @Order(5)
  void refusedTargetsAndBindingsReportAConditionAndChangeNothing() {
    awaitIdle("zk-scaler", 3);
    String version = cluster().getStatus().configVersion();
    for (int refused : new int[] {2, 4, 0}) {
      setTarget("zk-scaler", refused);
      Await.until(SHORT, "replicas " + refused + " refused", () -> {
        ScalerTrait t = scaler("zk-scaler");
        return blockedWith("zk-scaler", "InvalidSpec")
            && t.getMetadata().getGeneration().equals(t.getStatus().observedGeneration())
            && condition(t, ConditionTypes.BLOCKED).orElseThrow().getMessage()
                .contains("spec.replicas is " + refused);
      }, ScalingIT::describe);
    }
    sandbox.apply("""
        apiVersion: zkoam.io/v1alpha1
        kind: ScalerTrait
        metadata: {name: zk-scaler-second}
        spec: {workloadRef: {kind: ZooKeeperCluster, name: zk}, replicas: 5}
        ---
        apiVersion: zkoam.io/v1alpha1
        kind: ScalerTrait
        metadata: {name: nowhere-scaler}
        spec: {workloadRef: {kind: ZooKeeperCluster, name: nowhere}, replicas: 3}
        ---
        apiVersion: zkoam.io/v1alpha1
        kind: ScalerTrait
        metadata: {name: wrong-kind-scaler}
        spec: {workloadRef: {kind: Deployment, name: zk}, replicas: 3}
        """);
    Await.until(SHORT, "the newer scaler reports Conflict", () -> blockedWith("zk-scaler-second", "Conflict")
        && condition(scaler("zk-scaler-second"), ConditionTypes.CONFLICT)
            .filter(c -> Conditions.TRUE.equals(c.getStatus())).isPresent(), ScalingIT::describe);
    Await.until(SHORT, "missing workload reported", () -> blockedWith("nowhere-scaler", "WorkloadNotFound"));
    Await.until(SHORT, "wrong kind reported", () -> blockedWith("wrong-kind-scaler", "WrongWorkloadKind"));
    assertThat(condition(scaler("nowhere-scaler"), ConditionTypes.WORKLOAD_FOUND)).get()
        .extracting(Condition::getStatus).isEqualTo(Conditions.FALSE);

    ZooKeeperCluster zk = cluster();
    assertThat(zk.getSpec().replicas()).as("no scale change").isEqualTo(3);
    assertThat(zk.getStatus().voters()).isEqualTo(3);
    assertThat(zk.getStatus().configVersion()).as("no reconfig").isEqualTo(version);

    setTarget("zk-scaler", 3);
    awaitIdle("zk-scaler", 3);
    assertThat(scaler("zk-scaler-second").getStatus().phase()).as("the older trait keeps the workload")
        .isEqualTo(Phase.Blocked);
    assertThat(cluster().getStatus().configVersion()).isEqualTo(version);
  }

  private static void awaitCrashAndRestart(int crashes) {
    Await.until(STEPS, "scaler crash " + crashes, () -> CRASH_POINTS.crashes() >= crashes, ScalingIT::describe);
    sandbox.restartController(ScalerTraitMain.NAME);
  }

  private static List<String> eventReasons(String trait) {
    return sandbox.client().v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> trait.equals(e.getInvolvedObject().getName())).map(e -> e.getReason()).toList();
  }

  private static boolean blockedWith(String name, String reason) {
    ScalerTrait t = scaler(name);
    return t != null && t.getStatus() != null && t.getStatus().phase() == Phase.Blocked
        && condition(t, ConditionTypes.BLOCKED).filter(c -> reason.equals(c.getReason())).isPresent();
  }

  private static Optional<Condition> condition(ScalerTrait t, String type) {
    return t.getStatus() == null ? Optional.empty() : Conditions.find(t.getStatus().conditions(), type);
  }

  private static void awaitIdle(String name, int voters) {
    Await.until(STEPS, name + " Idle at " + voters + " voters", () -> {
      ScalerTrait t = scaler(name);
      ZooKeeperCluster zk = cluster();
      return t != null && t.getStatus() != null && t.getStatus().phase() == Phase.Idle
          && Integer.valueOf(voters).equals(t.getStatus().currentVoters())
          && Integer.valueOf(voters).equals(t.getStatus().targetVoters())
          && zk.getStatus() != null && Integer.valueOf(voters).equals(zk.getStatus().voters())
          && Conditions.isTrue(t.getStatus().conditions(), ConditionTypes.READY);
    }, ScalingIT::describe);
  }

  private static void setTarget(String name, int replicas) {
    sandbox.setScalerReplicas(NS, name, replicas);
  }

  private static WorkloadChecker startChecker() {
    WorkloadChecker checker = sandbox.checker(NS, "zk", Duration.ofMillis(20)).start();
    Await.until(Duration.ofSeconds(30), "writes flowing", () -> checker.acknowledgedSoFar() >= 25);
    return checker;
  }

  private static void awaitMoreWrites(WorkloadChecker checker) {
    long now = checker.acknowledgedSoFar();
    Await.until(Duration.ofSeconds(30), "writes flowing again", () -> checker.acknowledgedSoFar() >= now + 25);
  }

  private static ScalerTrait scaler(String name) {
    return sandbox.client().resources(ScalerTrait.class).inNamespace(NS).withName(name).get();
  }

  private static ZooKeeperCluster cluster() {
    return sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").get();
  }

  private static Optional<Pod> pod(String name) {
    return Optional.ofNullable(sandbox.client().pods().inNamespace(NS).withName(name).get());
  }

  private static boolean clusterCondition(String type) {
    ZooKeeperCluster zk = cluster();
    return zk != null && zk.getStatus() != null && Conditions.isTrue(zk.getStatus().conditions(), type);
  }

  static String describe() {
    ZooKeeperCluster zk = cluster();
    List<ScalerTrait> traits = sandbox.client().resources(ScalerTrait.class).inNamespace(NS).list().getItems();
    return "\nscalers=" + traits.stream().map(t -> t.getMetadata().getName() + ":" + t.getStatus())
        .collect(Collectors.joining("\n  ")) + "\ncluster spec.replicas=" + (zk == null ? null : zk.getSpec().replicas())
        + " status=" + (zk == null ? null : zk.getStatus()) + "\npods=" + sandbox.client().pods().inNamespace(NS)
        .list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
  }
}
