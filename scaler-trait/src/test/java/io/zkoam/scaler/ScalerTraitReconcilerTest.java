package io.zkoam.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalerTraitSpec;
import io.zkoam.api.v1alpha1.ScalerTraitStatus;
import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import io.zkoam.api.v1alpha1.ServerRole;
import io.zkoam.api.v1alpha1.WorkloadRef;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import io.zkoam.scaler.act.MembershipAgent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scaler's reconcile loop on the embedded (mock, CRUD) API with a stub agent; the test plays the workload
 * controller (it publishes the ZooKeeperCluster's status and creates pods).
 */
@EnableKubernetesMockClient(crud = true)
class ScalerTraitReconcilerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String NS = "ns";
  private static final String VERSION = "100000003";
  private static final String TOKEN = "s3cret-agent-token";

  KubernetesMockServer server;
  KubernetesClient client;

  private final StubAgent agent = new StubAgent();
  private ControllerRuntime runtime;

  @BeforeEach
  void startController() {
    runtime = ScalerTraitMain.start(client, ControllerOptions.embedded("scaler-test"),
        new ScalerTiming(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(300),
            Duration.ofMillis(500)), ScalerHooks.NONE, agent);
  }

  @AfterEach
  void stopController() {
    if (runtime != null) {
      runtime.close();
    }
  }

  // ---- scenarios

  @Test
  void aTraitAtTargetGoesIdleOwnedByItsWorkloadAndThenWritesNothing() throws InterruptedException {
    ZooKeeperCluster zk = runEnsemble(3, 3);
    createTrait("scaler", 3, false, "zk");

    Await.until(WAIT, "scaler Idle", () -> phase("scaler") == Phase.Idle, () -> String.valueOf(status("scaler")));
    Await.until(WAIT, "owner reference to zk", () -> !trait("scaler").getMetadata().getOwnerReferences().isEmpty());
    OwnerReference owner = trait("scaler").getMetadata().getOwnerReferences().get(0);
    assertThat(trait("scaler").getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(owner.getUid()).isEqualTo(zk.getMetadata().getUid());
    assertThat(owner.getKind()).isEqualTo("ZooKeeperCluster");
    assertThat(owner.getName()).isEqualTo("zk");
    assertThat(owner.getApiVersion()).isEqualTo("zkoam.io/v1alpha1");
    assertThat(owner.getController()).isFalse();

    ScalerTraitStatus status = status("scaler");
    assertThat(status.currentVoters()).isEqualTo(3);
    assertThat(status.targetVoters()).isEqualTo(3);
    assertThat(status.step()).isNull();
    assertThat(status.observedGeneration()).isEqualTo(trait("scaler").getMetadata().getGeneration());
    assertThat(condition("scaler", ConditionTypes.READY)).isEqualTo("True/TargetReached");
    assertThat(condition("scaler", ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
    assertThat(condition("scaler", ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(condition("scaler", ConditionTypes.CONFLICT)).isEqualTo("False/SoleScaler");
    Await.until(WAIT, "ScalingComplete event", () -> eventReasons("scaler").contains("ScalingComplete"));

    Thread.sleep(1000);
    drainRequests();
    double reconcilesBefore = reconciliations();
    Thread.sleep(2000);
    List<String> writes = drainRequests().stream()
        .filter(r -> !"GET".equals(r.getMethod()))
        .map(r -> r.getMethod() + " " + r.getPath())
        .toList();
    assertThat(reconciliations() - reconcilesBefore).as("reconciles during the window").isGreaterThanOrEqualTo(3);
    assertThat(writes).as("write calls of no-op reconciles").isEmpty();
    assertThat(workload().getSpec().replicas()).isEqualTo(3);
    assertThat(agent.adds).isEmpty();
    assertThat(agent.removes).isEmpty();
  }

  @Test
  void scalingUpRaisesTheScaleThenAddsTheSyncedPodAsAVoter() {
    runEnsemble(3, 3);
    createTrait("scaler", 5, false, "zk");

    Await.until(WAIT, "zk scaled to 4", () -> workload().getSpec().replicas() == 4,
        () -> String.valueOf(status("scaler")));
    Await.until(WAIT, "AddPod(4) recorded", () -> isStep(status("scaler").step(), Action.AddPod, 4),
        () -> String.valueOf(status("scaler")));
    ScalingStep addPod = status("scaler").step();
    assertThat(addPod.pod()).isEqualTo("zk-3");
    assertThat(addPod.configVersionBefore()).isEqualTo(VERSION);
    assertThat(Instant.parse(addPod.startedAt())).isBefore(Instant.now().plusSeconds(1));
    assertThat(addPod.configVersionAfter()).isNull();
    assertThat(phase("scaler")).isEqualTo(Phase.ScalingUp);
    assertThat(agent.adds).as("no reconfig before the joiner runs").isEmpty();

    // The workload controller's part: the StatefulSet made zk-3, it runs as a synced non-voter.
    createPod(3);
    publishWorkloadStatus(List.of(1, 2, 3), List.of(1, 2, 3, 4), VERSION);

    Await.until(WAIT, "AddVoter(4) sent to an agent", () -> !agent.adds.isEmpty());
    Call add = agent.adds.get(0);
    assertThat(add.id()).isEqualTo(4);
    assertThat(add.host()).isEqualTo("zk-3.zk-hs.ns.svc.cluster.local");
    assertThat(add.fromVersion()).isEqualTo(VERSION);
    assertThat(add.token()).isEqualTo(TOKEN);
    assertThat(add.podIp()).as("sent through the leader's agent").isEqualTo("127.0.9.2");
    assertThat(agent.probed).as("every voter and the joiner asked right before")
        .contains("127.0.9.1", "127.0.9.2", "127.0.9.3", "127.0.9.4");

    Await.until(WAIT, "AddVoter(4) taken", () -> {
      ScalingStep step = status("scaler").step();
      return isStep(step, Action.AddVoter, 4) && "100000004".equals(step.configVersionAfter());
    }, () -> String.valueOf(status("scaler")));
    assertThat(status("scaler").step().configVersionBefore()).isEqualTo(VERSION);
    assertThat(condition("scaler", ConditionTypes.READY)).isEqualTo("False/WaitingAddVoter");

    // The committed configuration now has server 4: the next pod follows.
    publishWorkloadStatus(List.of(1, 2, 3, 4), List.of(1, 2, 3, 4), "100000004");
    Await.until(WAIT, "zk scaled to 5", () -> workload().getSpec().replicas() == 5,
        () -> String.valueOf(status("scaler")));
    Await.until(WAIT, "AddPod(5) recorded", () -> isStep(status("scaler").step(), Action.AddPod, 5));
    assertThat(status("scaler").currentVoters()).isEqualTo(4);
    assertThat(agent.adds).as("one reconfig for server 4").hasSize(1);
    Await.until(WAIT, "step events", () -> eventReasons("scaler").containsAll(
        List.of("StepStarted", "StepCompleted")), () -> eventReasons("scaler").toString());
    assertThat(eventMessages("scaler")).contains(
        "start server 4 (zk-3) as a non-voting follower (configuration 100000003)",
        "done: start server 4 (zk-3) as a non-voting follower",
        "add server 4 (zk-3) as a voter (configuration 100000003)");
  }

  @Test
  void startingAPodThatTheScaleAlreadyCoversNeverLowersTheScale() throws InterruptedException {
    runEnsemble(5, 3);
    // zk-3 and zk-4 exist but are not ready yet (the workload status has no observation of them).
    publishWorkloadStatus(List.of(1, 2, 3), List.of(1, 2, 3), VERSION);
    createTrait("scaler", 5, false, "zk");
    Await.until(WAIT, "AddPod(4) recorded", () -> status("scaler") != null
        && isStep(status("scaler").step(), Action.AddPod, 4), () -> String.valueOf(status("scaler")));
    double before = reconciliations();
    Await.until(WAIT, "two more looks", () -> reconciliations() >= before + 2);
    assertThat(workload().getSpec().replicas()).as("zk-3 and zk-4 are already wanted").isEqualTo(5);
    assertThat(scaleWrites()).isEmpty();
    assertThat(phase("scaler")).isEqualTo(Phase.ScalingUp);
  }

  @Test
  void aReconfigBeatenByAnotherChangeWaitsForTheNewMembershipThenPlansAgain() {
    agent.answer = call -> new MembershipAgent.ReconfigReply(409, "BADVERSION",
        "KeeperErrorCode = BadVersion for /zookeeper/config", null);
    runEnsemble(4, 3);
    List<ScalerTraitStatus> seen = new CopyOnWriteArrayList<>();
    createTrait("scaler", 5, false, "zk");
    try (Watch watch = watchStatuses("scaler", seen)) {
      Await.until(WAIT, "AddVoter(4) tried", () -> !agent.adds.isEmpty());
      Await.until(WAIT, "MembershipChanged with the step kept", () -> seen.stream().anyMatch(
          s -> isStep(s.step(), Action.AddVoter, 4) && "MembershipChanged".equals(reason(s, ConditionTypes.READY))),
          () -> seen.toString());
      ScalerTraitStatus waiting = seen.stream().filter(s -> "MembershipChanged".equals(
          reason(s, ConditionTypes.READY))).findFirst().orElseThrow();
      assertThat(waiting.phase()).isEqualTo(Phase.ScalingUp);
      assertThat(Conditions.find(waiting.conditions(), ConditionTypes.READY).orElseThrow().getMessage())
          .contains("membership changed since version 100000003", "BADVERSION");
      assertThat(reason(waiting, ConditionTypes.BLOCKED)).isEqualTo("NotBlocked");
      assertThat(agent.adds).allSatisfy(a -> assertThat(a.fromVersion()).isEqualTo(VERSION));

      // The workload's status shows the other change: the old step is dropped and one from the new version follows.
      agent.answer = call -> new MembershipAgent.ReconfigReply(200, null, null, "100000006");
      publishWorkloadStatus(List.of(1, 2, 3), List.of(1, 2, 3, 4), "100000005");
      Await.until(WAIT, "AddVoter(4) planned again from 100000005", () -> agent.adds.stream()
          .anyMatch(a -> "100000005".equals(a.fromVersion())), () -> seen.toString());
    }
    Await.until(WAIT, "StepAbandoned event", () -> eventReasons("scaler").contains("StepAbandoned"),
        () -> eventReasons("scaler").toString());
  }


  @Test
  void aSecondScalerOnTheSameWorkloadIsInConflictAndChangesNothing() throws InterruptedException {
    runEnsemble(3, 3);
    createTrait("alpha", 3, false, "zk");
    Await.until(WAIT, "alpha Idle", () -> phase("alpha") == Phase.Idle);
    createTrait("beta", 5, false, "zk");

    Await.until(WAIT, "beta in Conflict", () -> "True/Conflict".equals(condition("beta", ConditionTypes.CONFLICT)),
        () -> String.valueOf(status("beta")));
    assertThat(phase("beta")).isEqualTo(Phase.Blocked);
    assertThat(condition("beta", ConditionTypes.BLOCKED)).isEqualTo("True/Conflict");
    assertThat(condition("beta", ConditionTypes.READY)).isEqualTo("False/Conflict");
    assertThat(condition("beta", ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(Conditions.find(status("beta").conditions(), ConditionTypes.CONFLICT).orElseThrow().getMessage())
        .contains("alpha");
    assertThat(status("beta").step()).isNull();
    assertThat(status("beta").targetVoters()).isEqualTo(5);

    Thread.sleep(1500);
    assertThat(workload().getSpec().replicas()).isEqualTo(3);
    assertThat(scaleWrites()).isEmpty();
    assertThat(agent.adds).isEmpty();
    assertThat(phase("alpha")).isEqualTo(Phase.Idle);
    assertThat(condition("alpha", ConditionTypes.CONFLICT)).isEqualTo("False/SoleScaler");
  }

  @Test
  void aTraitWhoseWorkloadDoesNotExistSaysSoUntilItDoes() {
    createTrait("scaler", 3, false, "zk");
    Await.until(WAIT, "WorkloadNotFound", () -> "False/WorkloadNotFound".equals(
        condition("scaler", ConditionTypes.WORKLOAD_FOUND)), () -> String.valueOf(status("scaler")));
    assertThat(phase("scaler")).isEqualTo(Phase.Blocked);
    assertThat(condition("scaler", ConditionTypes.READY)).isEqualTo("False/WorkloadNotFound");
    assertThat(condition("scaler", ConditionTypes.CONFLICT)).isEqualTo("False/NoConflict");
    assertThat(Conditions.find(status("scaler").conditions(), ConditionTypes.WORKLOAD_FOUND).orElseThrow()
        .getMessage()).isEqualTo("ZooKeeperCluster zk does not exist in namespace ns");
    assertThat(trait("scaler").getMetadata().getOwnerReferences()).isEmpty();

    runEnsemble(3, 3);
    Await.until(WAIT, "Idle once zk exists", () -> phase("scaler") == Phase.Idle,
        () -> String.valueOf(status("scaler")));
    assertThat(condition("scaler", ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
  }

  @Test
  void fourVotersWithoutAllowEvenReplicasIsRefusedAndChangesNothing() throws InterruptedException {
    runEnsemble(3, 3);
    createTrait("scaler", 4, false, "zk");
    Await.until(WAIT, "InvalidSpec", () -> "True/InvalidSpec".equals(condition("scaler", ConditionTypes.BLOCKED)),
        () -> String.valueOf(status("scaler")));
    assertThat(phase("scaler")).isEqualTo(Phase.Blocked);
    assertThat(Conditions.find(status("scaler").conditions(), ConditionTypes.BLOCKED).orElseThrow().getMessage())
        .contains("spec.replicas is 4", "allowEvenReplicas");
    assertThat(status("scaler").step()).isNull();

    Thread.sleep(1500);
    assertThat(workload().getSpec().replicas()).isEqualTo(3);
    assertThat(scaleWrites()).isEmpty();

    // Insisting on 4 lifts the block.
    editTrait("scaler", new ScalerTraitSpec(WorkloadRef.to("zk"), 4, true, "10m"));
    Await.until(WAIT, "zk scaled to 4 once allowed", () -> workload().getSpec().replicas() == 4,
        () -> String.valueOf(status("scaler")));
    assertThat(condition("scaler", ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
  }

  /**
   * The design contract: a step is in status before it is taken. A recorded reconfig step that another change
   * overtook is re-planned as a new step (same action and server, the new version); it must be recorded before its
   * reconfig is sent, also when it is re-planned within the second its predecessor started (start times have whole
   * seconds). The controller runs on a frozen clock here so that this is certain rather than likely.
   */
  @Test
  void aReplannedStepIsRecordedBeforeItsReconfigEvenWithinTheSameSecond() {
    runtime.close();
    runtime = new ControllerRuntime(ControllerOptions.embedded("scaler-test"), client);
    runtime.register(new ScalerTraitReconciler(agent, new ScalerTiming(Duration.ofMillis(200),
        Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500)), ScalerHooks.NONE,
        new ScalerMetrics(runtime.registry()), Clock.fixed(Instant.now(), ZoneOffset.UTC))).start();
    List<String> sentVersusRecorded = new CopyOnWriteArrayList<>();
    agent.answer = call -> {
      ScalingStep inStatus = status("scaler").step();
      sentVersusRecorded.add(call.fromVersion() + " sent, "
          + (inStatus == null ? "no step" : inStatus.configVersionBefore()) + " recorded");
      return VERSION.equals(call.fromVersion())
          ? new MembershipAgent.ReconfigReply(503, "NEWCONFIGNOQUORUM", "the joiner is not synced yet", null)
          : new MembershipAgent.ReconfigReply(200, null, null, "100000006");
    };
    runEnsemble(4, 3);
    createTrait("scaler", 5, false, "zk");
    Await.until(WAIT, "AddVoter(4) tried from " + VERSION, () -> !agent.adds.isEmpty());
    assertThat(status("scaler").step().configVersionBefore()).isEqualTo(VERSION);

    // Someone else's reconfig moves the committed configuration on; server 4 is still no voter.
    publishWorkloadStatus(List.of(1, 2, 3), List.of(1, 2, 3, 4), "100000005");
    Await.until(WAIT, "AddVoter(4) tried from 100000005",
        () -> agent.adds.stream().anyMatch(c -> "100000005".equals(c.fromVersion())), agent.adds::toString);
    assertThat(sentVersusRecorded).as("each reconfig's fromVersion against the step in status when it was sent")
        .allSatisfy(line -> assertThat(line).matches("(\\w+) sent, \\1 recorded"));
  }

  // ---- the world the scaler reads

  /** A cluster {@code zk} at {@code specReplicas} whose first {@code voters} servers vote; every pod runs, synced. */
  private ZooKeeperCluster runEnsemble(int specReplicas, int voters) {
    String yaml = "apiVersion: zkoam.io/v1alpha1\nkind: ZooKeeperCluster\nmetadata:\n  name: zk\n  namespace: ns\n"
        + "spec:\n  replicas: " + specReplicas + "\n";
    ZooKeeperCluster created = client.resource(SERIALIZATION.unmarshal(yaml, ZooKeeperCluster.class)).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("zk-auth").withNamespace(NS).endMetadata()
        .addToData("agent-token", Base64.getEncoder().encodeToString((TOKEN + "\n").getBytes(StandardCharsets.UTF_8)))
        .addToData("super-password", Base64.getEncoder().encodeToString("pw".getBytes(StandardCharsets.UTF_8)))
        .build()).create();
    for (int ordinal = 0; ordinal < specReplicas; ordinal++) {
      createPod(ordinal);
    }
    publishWorkloadStatus(IntStream.rangeClosed(1, voters).boxed().toList(),
        IntStream.rangeClosed(1, specReplicas).boxed().toList(), VERSION);
    return created;
  }

  /** A pod as the StatefulSet controller and kubelet would leave it. */
  private void createPod(int ordinal) {
    Map<String, String> labels = new HashMap<>(ClusterLabels.of("zk", "3.9.5"));
    Pod pod = new PodBuilder().withNewMetadata().withName("zk-" + ordinal).withNamespace(NS).withLabels(labels)
        .endMetadata()
        .withNewStatus().withPodIP("127.0.9." + (ordinal + 1)).withPhase("Running")
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    client.resource(pod).create();
  }

  /** The workload controller's status for the current generation: these voters, these pods ready on version. */
  private void publishWorkloadStatus(List<Integer> voters, List<Integer> pods, String version) {
    for (int attempt = 1; ; attempt++) {
      ZooKeeperCluster zk = workload();
      Long generation = zk.getMetadata().getGeneration();
      List<ClusterMember> members = voters.stream().map(id -> new ClusterMember(id, "zk-" + (id - 1),
          "zk-" + (id - 1) + ".zk-hs.ns.svc.cluster.local", ServerRole.participant)).toList();
      List<PodObservation> observed = pods.stream().map(id -> new PodObservation("zk-" + (id - 1), id, "zk-1",
          true, id == 2 ? "leader" : "follower", voters.contains(id), version)).toList();
      zk.setStatus(new ZooKeeperClusterStatus(generation, pods.size(), pods.size(),
          ClusterLabels.selectorString("zk"), voters.size(), members, "zk-1", version, observed, "zk-1", "zk-1",
          pods.size(), "zk-client.ns.svc.cluster.local:2181",
          Conditions.setAll(List.of(), List.of(Conditions.of(ConditionTypes.QUORUM_AVAILABLE, true,
              "LeaderElected", "leader zk-1", generation)), Instant.now())));
      try {
        client.resource(zk).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  private ZooKeeperCluster workload() {
    return client.resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").get();
  }

  // ---- the traits

  private void createTrait(String name, int replicas, boolean allowEven, String workload) {
    ScalerTrait trait = new ScalerTrait();
    trait.getMetadata().setName(name);
    trait.getMetadata().setNamespace(NS);
    trait.setSpec(new ScalerTraitSpec(WorkloadRef.to(workload), replicas, allowEven, "10m"));
    client.resource(trait).create();
  }

  private void editTrait(String name, ScalerTraitSpec spec) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.resources(ScalerTrait.class).inNamespace(NS).withName(name).edit(t -> {
          t.setSpec(spec);
          return t;
        });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  private ScalerTrait trait(String name) {
    return client.resources(ScalerTrait.class).inNamespace(NS).withName(name).get();
  }

  private ScalerTraitStatus status(String name) {
    ScalerTrait trait = trait(name);
    return trait == null ? null : trait.getStatus();
  }

  private Phase phase(String name) {
    ScalerTraitStatus status = status(name);
    return status == null ? null : status.phase();
  }

  private String condition(String name, String type) {
    ScalerTraitStatus status = status(name);
    return status == null ? null : Conditions.find(status.conditions(), type)
        .map(c -> c.getStatus() + "/" + c.getReason()).orElse(null);
  }

  private static String reason(ScalerTraitStatus status, String type) {
    return Conditions.find(status.conditions(), type).map(c -> c.getReason()).orElse(null);
  }

  private static boolean isStep(ScalingStep step, Action action, int serverId) {
    return step != null && step.action() == action && Objects.equals(step.serverId(), serverId);
  }

  private Watch watchStatuses(String name, List<ScalerTraitStatus> seen) {
    return client.resources(ScalerTrait.class).inNamespace(NS).withName(name).watch(new Watcher<>() {
      @Override
      public void eventReceived(Watcher.Action action, ScalerTrait resource) {
        if (resource.getStatus() != null) {
          seen.add(resource.getStatus());
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
  }

  private List<Event> events(String trait) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && trait.equals(e.getInvolvedObject().getName())).toList();
  }

  private List<String> eventReasons(String trait) {
    return events(trait).stream().map(Event::getReason).toList();
  }

  private List<String> eventMessages(String trait) {
    return events(trait).stream().map(Event::getMessage).toList();
  }

  // ---- the API calls seen

  private double reconciliations() {
    Double value = runtime.registry().getSampleValue("zkoam_reconciliations_total",
        new String[] {"controller", "kind"}, new String[] {"scaler-test", "ScalerTrait"});
    return value == null ? 0 : value;
  }

  /** Writes to the scale subresource of zk since the last drain. */
  private List<String> scaleWrites() throws InterruptedException {
    return drainRequests().stream()
        .filter(r -> !"GET".equals(r.getMethod()) && r.getPath().contains("/zookeeperclusters/zk/scale"))
        .map(r -> r.getMethod() + " " + r.getPath())
        .toList();
  }

  private List<RecordedRequest> drainRequests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      requests.add(r);
    }
    return requests;
  }

  // ---- the agent

  record Call(String podIp, String token, int id, String host, String fromVersion) {}

  /** Records what the scaler asks of agents; every voter serves; a reconfig gets what {@link #answer} says. */
  static final class StubAgent implements MembershipAgent {
    final List<String> probed = new CopyOnWriteArrayList<>();
    final List<Call> adds = new CopyOnWriteArrayList<>();
    final List<Call> removes = new CopyOnWriteArrayList<>();
    volatile Function<Call, ReconfigReply> answer = call -> new ReconfigReply(200, null, null, "100000004");

    @Override
    public java.util.concurrent.CompletableFuture<Boolean> serving(String podIp) {
      probed.add(podIp);
      return java.util.concurrent.CompletableFuture.completedFuture(true);
    }

    @Override
    public ReconfigReply add(String podIp, String token, int id, String host, String fromVersion) {
      Call call = new Call(podIp, token, id, host, fromVersion);
      ReconfigReply reply = answer.apply(call);
      adds.add(call);
      return reply;
    }

    @Override
    public ReconfigReply remove(String podIp, String token, int id, String fromVersion) {
      Call call = new Call(podIp, token, id, null, fromVersion);
      ReconfigReply reply = answer.apply(call);
      removes.add(call);
      return reply;
    }
  }
}
