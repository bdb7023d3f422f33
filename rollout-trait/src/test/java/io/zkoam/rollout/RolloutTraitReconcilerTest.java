package io.zkoam.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
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
import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.RolloutTraitSpec;
import io.zkoam.api.v1alpha1.RolloutTraitStatus;
import io.zkoam.api.v1alpha1.RolloutTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ServerRole;
import io.zkoam.api.v1alpha1.WorkloadRef;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout's reconcile loop on the embedded (mock, CRUD) API; the test plays the workload controller (it publishes
 * the ZooKeeperCluster's status) and the StatefulSet controller (it recreates the pods the rollout deletes).
 */
@EnableKubernetesMockClient(crud = true)
class RolloutTraitReconcilerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String NS = "ns";
  private static final String VERSION = "100000003";
  private static final String OLD = "old";
  private static final String NEW = "new";
  private static final String PODS_PATH = "/api/v1/namespaces/ns/pods/";

  KubernetesMockServer server;
  KubernetesClient client;

  private ControllerRuntime runtime;
  private Watch podWatch;
  private Watch traitWatch;
  /** Pods the API removed, as "name/uid", in the order the watch saw them go. */
  private final List<String> gone = new CopyOnWriteArrayList<>();
  /** What the two watches saw, in the order they saw it: trait statuses and pod deletions. */
  private final List<Seen> timeline = new CopyOnWriteArrayList<>();
  /** Every request the mock server received, in arrival order (drained from the server as needed). */
  private final List<RecordedRequest> journal = new ArrayList<>();

  @BeforeEach
  void startController() {
    podWatch = client.pods().inNamespace(NS).watch(new Watcher<>() {
      @Override
      public void eventReceived(Watcher.Action action, Pod pod) {
        if (action == Watcher.Action.DELETED) {
          String deleted = pod.getMetadata().getName() + "/" + pod.getMetadata().getUid();
          timeline.add(new Seen(null, null, deleted));
          gone.add(deleted);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
    traitWatch = client.resources(RolloutTrait.class).inNamespace(NS).watch(new Watcher<>() {
      @Override
      public void eventReceived(Watcher.Action action, RolloutTrait trait) {
        if (action != Watcher.Action.DELETED && trait.getStatus() != null) {
          timeline.add(new Seen(trait.getMetadata().getName(), trait.getStatus(), null));
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
    runtime = RolloutTraitMain.start(client, ControllerOptions.embedded("rollout-test"),
        new RolloutTiming(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500)), RolloutHooks.NONE);
  }

  @AfterEach
  void stopController() {
    if (runtime != null) {
      runtime.close();
    }
    if (podWatch != null) {
      podWatch.close();
    }
    if (traitWatch != null) {
      traitWatch.close();
    }
  }

  // ---- scenarios

  @Test
  void aRolloutRestartsFollowersFromTheHighestOrdinalThenTheLeaderEachRecordedBeforeItIsDeleted() {
    Map<String, String> old = runEnsemble(OLD, "zk-1");
    createTrait("rollout", spec(1, false, "0s"));

    // zk-2: the highest-ordinal follower goes first, recorded in status before its deletion.
    Await.until(WAIT, "zk-2 deleted", () -> gone.size() == 1, this::describe);
    assertThat(gone).as("pods deleted so far").containsExactly("zk-2/" + old.get("zk-2"));
    RolloutTraitStatus recorded = statusWrittenBeforeDeleting("rollout", "zk-2");
    assertThat(recorded.steps()).singleElement().satisfies(step -> {
      assertThat(step.pod()).isEqualTo("zk-2");
      assertThat(step.podUid()).isEqualTo(old.get("zk-2"));
      assertThat(step.reason()).isEqualTo("NewRevision");
      assertThat(step.startedAt()).isNotNull();
    });
    assertThat(recorded.currentPods()).containsExactly("zk-2");
    assertThat(recorded.updateOrder()).as("followers from the highest ordinal, the leader last")
        .containsExactly("zk-2", "zk-0", "zk-1");
    assertThat(recorded.phase()).isEqualTo(Phase.Rolling);
    assertThat(recorded.targetRevision()).isEqualTo(NEW);
    assertThat(status("rollout").steps()).as("the step stays until zk-2 is back").isEqualTo(recorded.steps());
    OwnerReference owner = trait("rollout").getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getName()).isEqualTo("zk");
    assertThat(owner.getUid()).isEqualTo(workload().getMetadata().getUid());

    // The workload controller sees zk-2 gone; nothing else goes while it is away.
    publishWorkloadStatus("zk-1", 0, 1);
    awaitReconciles(3);
    assertThat(gone).as("nothing else deleted while zk-2 is away").hasSize(1);
    assertThat(podDeletions()).as("pod DELETE calls while zk-2 is away").containsExactly(deleteCall("zk-2"));
    // The StatefulSet brings zk-2 back on the new revision: Ready, but its server not yet seen serving.
    String zk2 = createPod(2, NEW);
    awaitReconciles(3);
    assertThat(gone).as("nothing else deleted while zk-2 is not synced").hasSize(1);
    assertThat(podDeletions()).as("pod DELETE calls while zk-2 is not synced").containsExactly(deleteCall("zk-2"));
    assertThat(status("rollout").steps()).extracting(RolloutStep::pod).containsExactly("zk-2");
    assertThat(phase("rollout")).isEqualTo(Phase.Rolling);
    assertThat(condition("rollout", ConditionTypes.READY)).isEqualTo("False/WaitingForPod");
    assertThat(condition("rollout", ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");

    // zk-2 serves, synced: zk-0 (the other follower) is next.
    publishWorkloadStatus("zk-1", 0, 1, 2);
    Await.until(WAIT, "zk-0 deleted", () -> gone.size() == 2, this::describe);
    assertThat(gone).containsExactly("zk-2/" + old.get("zk-2"), "zk-0/" + old.get("zk-0"));
    assertThat(statusWrittenBeforeDeleting("rollout", "zk-0").steps())
        .extracting(RolloutStep::pod, RolloutStep::podUid, RolloutStep::reason)
        .containsExactly(tuple("zk-0", old.get("zk-0"), "NewRevision"));
    assertThat(status("rollout").updatedReplicas()).isEqualTo(1);
    assertThat(pod("zk-2").getMetadata().getUid()).isEqualTo(zk2);
    publishWorkloadStatus("zk-1", 1, 2);
    awaitReconciles(3);
    assertThat(gone).as("nothing else deleted while zk-0 is away").hasSize(2);
    assertThat(podDeletions()).as("pod DELETE calls while zk-0 is away")
        .containsExactly(deleteCall("zk-2"), deleteCall("zk-0"));
    createPod(0, NEW);
    publishWorkloadStatus("zk-1", 0, 1, 2);

    // zk-1, the leader, last.
    Await.until(WAIT, "zk-1 deleted", () -> gone.size() == 3, this::describe);
    assertThat(gone).containsExactly("zk-2/" + old.get("zk-2"), "zk-0/" + old.get("zk-0"),
        "zk-1/" + old.get("zk-1"));
    assertThat(statusWrittenBeforeDeleting("rollout", "zk-1").steps())
        .extracting(RolloutStep::pod, RolloutStep::podUid, RolloutStep::reason)
        .containsExactly(tuple("zk-1", old.get("zk-1"), "NewRevision"));
    publishWorkloadStatus("zk-2", 0, 2);
    createPod(1, NEW);
    publishWorkloadStatus("zk-2", 0, 1, 2);

    Await.until(WAIT, "Complete", () -> phase("rollout") == Phase.Complete, this::describe);
    RolloutTraitStatus done = status("rollout");
    assertThat(done.updatedReplicas()).isEqualTo(3);
    assertThat(done.totalReplicas()).isEqualTo(3);
    assertThat(done.steps()).isEmpty();
    assertThat(done.currentPods()).isEmpty();
    assertThat(done.updateOrder()).isEmpty();
    assertThat(done.targetRevision()).isEqualTo(NEW);
    assertThat(done.leaderElections()).as("the leader moved once").isEqualTo(1);
    assertThat(done.observedLeader()).isEqualTo("zk-2");
    assertThat(done.lastPodReadyAt()).isNotNull();
    assertThat(done.observedGeneration()).isEqualTo(trait("rollout").getMetadata().getGeneration());
    assertThat(condition("rollout", ConditionTypes.READY)).isEqualTo("True/AllPodsUpdated");
    assertThat(condition("rollout", ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
    assertThat(condition("rollout", ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(condition("rollout", ConditionTypes.CONFLICT)).isEqualTo("False/SoleRollout");
    assertThat(gone).as("each pod deleted once").hasSize(3);
    assertThat(podDeletions()).as("pod DELETE calls")
        .containsExactly(deleteCall("zk-2"), deleteCall("zk-0"), deleteCall("zk-1"));

    Await.until(WAIT, "RolloutComplete event", () -> eventReasons("rollout").contains("RolloutComplete"),
        () -> eventReasons("rollout").toString());
    assertThat(eventReasons("rollout")).as("events").containsExactlyInAnyOrder(
        "PodRestarting", "PodRestarting", "PodRestarting", "PodRestarted", "PodRestarted", "PodRestarted",
        "RolloutComplete");
    assertThat(eventMessages("rollout")).contains(
        "restart zk-2 (follower) onto revision new",
        "restart zk-0 (follower) onto revision new",
        "restart zk-1 (leader) onto revision new",
        "zk-2 is back, ready and synced",
        "zk-0 is back, ready and synced",
        "zk-1 is back, ready and synced",
        "every pod runs revision new; leader elections seen: 1");
  }

  @Test
  void aTraitWhoseWorkloadDoesNotExistIsBlockedUntilItDoes() {
    createTrait("rollout", spec(1, false, "0s"));
    Await.until(WAIT, "WorkloadNotFound", () -> "False/WorkloadNotFound".equals(
        condition("rollout", ConditionTypes.WORKLOAD_FOUND)), this::describe);
    assertThat(phase("rollout")).isEqualTo(Phase.Blocked);
    assertThat(condition("rollout", ConditionTypes.READY)).isEqualTo("False/WorkloadNotFound");
    assertThat(condition("rollout", ConditionTypes.BLOCKED)).isEqualTo("True/WorkloadNotFound");
    assertThat(condition("rollout", ConditionTypes.CONFLICT)).isEqualTo("False/NoConflict");
    assertThat(Conditions.find(status("rollout").conditions(), ConditionTypes.WORKLOAD_FOUND).orElseThrow()
        .getMessage()).isEqualTo("ZooKeeperCluster zk does not exist in namespace ns");
    assertThat(status("rollout").steps()).isEmpty();
    assertThat(trait("rollout").getMetadata().getOwnerReferences()).isEmpty();

    runEnsemble(NEW, "zk-1");
    Await.until(WAIT, "Complete once zk exists", () -> phase("rollout") == Phase.Complete, this::describe);
    assertThat(condition("rollout", ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(condition("rollout", ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
    assertThat(trait("rollout").getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(workload().getMetadata().getUid()));
    assertThat(gone).isEmpty();
  }

  @Test
  void aSecondRolloutOnTheSameWorkloadIsInConflictAndDeletesNothing() {
    Map<String, String> uids = runEnsemble(OLD, "zk-1");
    createTrait("alpha", spec(1, true, "0s"));
    Await.until(WAIT, "alpha Paused", () -> phase("alpha") == Phase.Paused, this::describe);
    createTrait("beta", spec(1, false, "0s"));

    Await.until(WAIT, "beta in Conflict", () -> "True/Conflict".equals(condition("beta", ConditionTypes.CONFLICT)),
        () -> String.valueOf(status("beta")));
    assertThat(phase("beta")).isEqualTo(Phase.Blocked);
    assertThat(condition("beta", ConditionTypes.BLOCKED)).isEqualTo("True/Conflict");
    assertThat(condition("beta", ConditionTypes.READY)).isEqualTo("False/Conflict");
    assertThat(condition("beta", ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(Conditions.find(status("beta").conditions(), ConditionTypes.CONFLICT).orElseThrow().getMessage())
        .contains("alpha");

    awaitReconciles(3);
    assertThat(status("beta").steps()).isEmpty();
    assertThat(gone).as("pods deleted").isEmpty();
    assertThat(podDeletions()).as("pod DELETE calls").isEmpty();
    assertThat(uids()).isEqualTo(uids);
    assertThat(phase("alpha")).isEqualTo(Phase.Paused);
    assertThat(condition("alpha", ConditionTypes.CONFLICT)).isEqualTo("False/SoleRollout");
  }

  @Test
  void maxUnavailableAboveWhatKeepsAQuorumIsRefusedAndDeletesNothing() {
    Map<String, String> uids = runEnsemble(OLD, "zk-1");
    createTrait("rollout", spec(2, false, "0s"));
    Await.until(WAIT, "InvalidSpec", () -> "True/InvalidSpec".equals(condition("rollout", ConditionTypes.BLOCKED)),
        this::describe);
    assertThat(phase("rollout")).isEqualTo(Phase.Blocked);
    assertThat(condition("rollout", ConditionTypes.READY)).isEqualTo("False/InvalidSpec");
    assertThat(Conditions.find(status("rollout").conditions(), ConditionTypes.BLOCKED).orElseThrow().getMessage())
        .contains("spec.maxUnavailable is 2", "3 voters", "at most 1");
    assertThat(status("rollout").steps()).isEmpty();

    awaitReconciles(3);
    assertThat(gone).as("pods deleted").isEmpty();
    assertThat(podDeletions()).as("pod DELETE calls").isEmpty();
    assertThat(uids()).isEqualTo(uids);
    assertThat(phase("rollout")).isEqualTo(Phase.Blocked);

    // A valid maxUnavailable lifts the block.
    patchTrait("rollout", "{\"spec\":{\"maxUnavailable\":1}}");
    Await.until(WAIT, "zk-2 deleted once the spec is valid", () -> gone.size() == 1, this::describe);
    assertThat(gone).containsExactly("zk-2/" + uids.get("zk-2"));
    assertThat(statusWrittenBeforeDeleting("rollout", "zk-2").steps()).extracting(RolloutStep::pod)
        .containsExactly("zk-2");
  }

  @Test
  void aRolloutWithEveryPodOnTheUpdateRevisionIsCompleteAndThenWritesNothing() throws InterruptedException {
    runEnsemble(NEW, "zk-1");
    createTrait("rollout", spec(1, false, "0s"));

    Await.until(WAIT, "Complete", () -> phase("rollout") == Phase.Complete, this::describe);
    Await.until(WAIT, "owner reference to zk", () -> !trait("rollout").getMetadata().getOwnerReferences().isEmpty());
    Await.until(WAIT, "RolloutComplete event", () -> eventReasons("rollout").contains("RolloutComplete"));
    RolloutTraitStatus status = status("rollout");
    assertThat(status.updatedReplicas()).isEqualTo(3);
    assertThat(status.totalReplicas()).isEqualTo(3);
    assertThat(status.targetRevision()).isEqualTo(NEW);
    assertThat(status.steps()).isEmpty();
    assertThat(status.updateOrder()).isEmpty();
    assertThat(status.observedGeneration()).isEqualTo(trait("rollout").getMetadata().getGeneration());
    assertThat(condition("rollout", ConditionTypes.READY)).isEqualTo("True/AllPodsUpdated");
    assertThat(condition("rollout", ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");

    Thread.sleep(1000);
    int from = journal().size();
    double reconcilesBefore = reconciliations();
    Thread.sleep(2000);
    List<String> writes = journal().subList(from, journal().size()).stream()
        .filter(r -> !"GET".equals(r.getMethod()))
        .map(r -> r.getMethod() + " " + r.getPath())
        .toList();
    assertThat(reconciliations() - reconcilesBefore).as("reconciles during the window").isGreaterThanOrEqualTo(3);
    assertThat(writes).as("write calls of no-op reconciles").isEmpty();
    assertThat(gone).isEmpty();
    assertThat(eventReasons("rollout")).containsExactly("RolloutComplete");
  }

  @Test
  void aPausedRolloutDeletesNothingUntilUnpaused() {
    Map<String, String> uids = runEnsemble(OLD, "zk-1");
    createTrait("rollout", spec(1, true, "0s"));

    Await.until(WAIT, "Paused", () -> phase("rollout") == Phase.Paused, this::describe);
    awaitReconciles(3);
    assertThat(gone).as("pods deleted while paused").isEmpty();
    assertThat(podDeletions()).as("pod DELETE calls while paused").isEmpty();
    assertThat(uids()).isEqualTo(uids);
    RolloutTraitStatus paused = status("rollout");
    assertThat(paused.phase()).isEqualTo(Phase.Paused);
    assertThat(paused.steps()).isEmpty();
    assertThat(paused.updateOrder()).containsExactly("zk-2", "zk-0", "zk-1");
    assertThat(paused.updatedReplicas()).isZero();
    assertThat(condition("rollout", ConditionTypes.READY)).isEqualTo("False/Paused");
    assertThat(condition("rollout", ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");

    patchTrait("rollout", "{\"spec\":{\"paused\":false}}");
    Await.until(WAIT, "zk-2 deleted once unpaused", () -> gone.size() == 1, this::describe);
    assertThat(gone).containsExactly("zk-2/" + uids.get("zk-2"));
    assertThat(statusWrittenBeforeDeleting("rollout", "zk-2").steps()).extracting(RolloutStep::pod)
        .containsExactly("zk-2");
    Await.until(WAIT, "Rolling", () -> phase("rollout") == Phase.Rolling, this::describe);
    assertThat(status("rollout").observedGeneration()).isEqualTo(trait("rollout").getMetadata().getGeneration());
  }

  // ---- the world the rollout reads

  /**
   * A cluster {@code zk} of 3 voters whose pods run {@code podRevision} while the workload reports {@link #NEW} as
   * the update revision; every pod serves, synced. Returns the pods' uids by name.
   */
  private Map<String, String> runEnsemble(String podRevision, String leader) {
    String yaml = "apiVersion: zkoam.io/v1alpha1\nkind: ZooKeeperCluster\nmetadata:\n  name: zk\n  namespace: ns\n"
        + "spec:\n  replicas: 3\n";
    client.resource(SERIALIZATION.unmarshal(yaml, ZooKeeperCluster.class)).create();
    Map<String, String> uids = new LinkedHashMap<>();
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      uids.put("zk-" + ordinal, createPod(ordinal, podRevision));
    }
    publishWorkloadStatus(leader, 0, 1, 2);
    return uids;
  }

  /** A pod as the StatefulSet controller and kubelet would leave it: Ready, on {@code revision}. Returns its uid. */
  private String createPod(int ordinal, String revision) {
    Map<String, String> labels = new HashMap<>(ClusterLabels.of("zk", "3.9.5"));
    labels.put("controller-revision-hash", revision);
    Pod pod = new PodBuilder().withNewMetadata().withName("zk-" + ordinal).withNamespace(NS).withLabels(labels)
        .endMetadata()
        .withNewStatus().withPodIP("127.0.9." + (ordinal + 1)).withPhase("Running")
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    return client.resource(pod).create().getMetadata().getUid();
  }

  /**
   * The workload controller's status: voters 1..3, {@code leader} leads, the pods {@code serving} serve with the
   * committed configuration (each observed on the revision its Pod carries), a quorum is available.
   */
  private void publishWorkloadStatus(String leader, int... serving) {
    for (int attempt = 1; ; attempt++) {
      ZooKeeperCluster zk = workload();
      Long generation = zk.getMetadata().getGeneration();
      Map<String, String> revisions = revisions();
      List<ClusterMember> members = IntStream.rangeClosed(1, 3).mapToObj(id -> new ClusterMember(id,
          "zk-" + (id - 1), "zk-" + (id - 1) + ".zk-hs.ns.svc.cluster.local", ServerRole.participant)).toList();
      List<PodObservation> observed = Arrays.stream(serving).mapToObj(ordinal -> "zk-" + ordinal)
          .map(name -> new PodObservation(name, ordinalOf(name) + 1, revisions.get(name), true,
              name.equals(leader) ? "leader" : "follower", true, VERSION))
          .toList();
      int updated = (int) revisions.values().stream().filter(NEW::equals).count();
      zk.setStatus(new ZooKeeperClusterStatus(generation, revisions.size(), observed.size(),
          ClusterLabels.selectorString("zk"), 3, members, leader, VERSION, observed,
          updated == revisions.size() ? NEW : OLD, NEW, updated,
          "zk-client.ns.svc.cluster.local:2181",
          Conditions.setAll(List.of(), List.of(Conditions.of(ConditionTypes.QUORUM_AVAILABLE, true,
              "LeaderElected", "leader " + leader, generation)), Instant.now())));
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

  private static int ordinalOf(String pod) {
    return Integer.parseInt(pod.substring(pod.lastIndexOf('-') + 1));
  }

  private ZooKeeperCluster workload() {
    return client.resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").get();
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  private List<Pod> pods() {
    return client.pods().inNamespace(NS).list().getItems();
  }

  private Map<String, String> uids() {
    Map<String, String> uids = new LinkedHashMap<>();
    pods().stream().sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName()))
        .forEach(p -> uids.put(p.getMetadata().getName(), p.getMetadata().getUid()));
    return uids;
  }

  private Map<String, String> revisions() {
    Map<String, String> revisions = new LinkedHashMap<>();
    pods().forEach(p -> revisions.put(p.getMetadata().getName(),
        p.getMetadata().getLabels().get("controller-revision-hash")));
    return revisions;
  }

  // ---- the traits

  private static RolloutTraitSpec spec(int maxUnavailable, boolean paused, String pauseBetweenPods) {
    return new RolloutTraitSpec(WorkloadRef.to("zk"), 0, maxUnavailable, paused, "10m", pauseBetweenPods, null);
  }

  private void createTrait(String name, RolloutTraitSpec spec) {
    RolloutTrait trait = new RolloutTrait();
    trait.getMetadata().setName(name);
    trait.getMetadata().setNamespace(NS);
    trait.setSpec(spec);
    client.resource(trait).create();
  }

  private void patchTrait(String name, String mergePatch) {
    client.resources(RolloutTrait.class).inNamespace(NS).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
  }

  private RolloutTrait trait(String name) {
    return client.resources(RolloutTrait.class).inNamespace(NS).withName(name).get();
  }

  private RolloutTraitStatus status(String name) {
    RolloutTrait trait = trait(name);
    return trait == null ? null : trait.getStatus();
  }

  private Phase phase(String name) {
    RolloutTraitStatus status = status(name);
    return status == null ? null : status.phase();
  }

  private String condition(String name, String type) {
    RolloutTraitStatus status = status(name);
    return status == null ? null : Conditions.find(status.conditions(), type)
        .map(c -> c.getStatus() + "/" + c.getReason()).orElse(null);
  }

  private String describe() {
    RolloutTrait t = trait("rollout");
    return "status " + (t == null ? null : t.getStatus()) + "; pods " + revisions() + "; gone " + gone;
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
        new String[] {"controller", "kind"}, new String[] {"rollout-test", "RolloutTrait"});
    return value == null ? 0 : value;
  }

  private void awaitReconciles(int count) {
    double before = reconciliations();
    Await.until(WAIT, count + " more reconciles", () -> reconciliations() >= before + count);
  }

  /** One observation of the watches: a trait's status, or a pod deleted ("name/uid"). */
  private record Seen(String trait, RolloutTraitStatus status, String deletedPod) {}

  /**
   * The status of {@code trait} the watch saw last before the deletion of {@code pod}, which must carry the pod's
   * step. Two orders are checked: the request journal (strict: requests reach the mock server in order and the
   * controller sends the DELETE only after its status write returned) has a status write of the trait before the
   * pod's DELETE; and the watches saw a status with the step before they saw the pod go.
   */
  private RolloutTraitStatus statusWrittenBeforeDeleting(String trait, String pod) {
    List<RecordedRequest> requests = journal();
    int delete = indexOf(requests, r -> "DELETE".equals(r.getMethod()) && path(r).equals(PODS_PATH + pod));
    assertThat(delete).as("a DELETE of pod " + pod + " in " + calls(requests)).isNotNegative();
    String statusPath = "/apis/zkoam.io/v1alpha1/namespaces/ns/rollouttraits/" + trait + "/status";
    assertThat(indexOf(requests.subList(0, delete), r -> "PUT".equals(r.getMethod())
        && path(r).equals(statusPath)))
        .as("a status write of " + trait + " before the DELETE of " + pod + " in " + calls(requests))
        .isNotNegative();

    Await.until(WAIT, "the watch to see " + pod + " go", () -> timeline.stream()
        .anyMatch(s -> s.deletedPod() != null && s.deletedPod().startsWith(pod + "/")), timeline::toString);
    List<Seen> seen = List.copyOf(timeline);
    int deleted = indexOf(seen, s -> s.deletedPod() != null && s.deletedPod().startsWith(pod + "/"));
    RolloutTraitStatus before = null;
    for (int i = deleted - 1; i >= 0 && before == null; i--) {
      if (trait.equals(seen.get(i).trait())) {
        before = seen.get(i).status();
      }
    }
    assertThat(before).as("a status of " + trait + " seen before " + pod + " was deleted: " + seen).isNotNull();
    String uid = seen.get(deleted).deletedPod().substring(pod.length() + 1);
    assertThat(before.steps()).as("steps in the status seen before " + pod + " was deleted")
        .anySatisfy(step -> {
          assertThat(step.pod()).isEqualTo(pod);
          assertThat(step.podUid()).isEqualTo(uid);
        });
    return before;
  }

  /** Pod DELETE calls seen so far. */
  private List<String> podDeletions() {
    return journal().stream().filter(r -> "DELETE".equals(r.getMethod()) && path(r).startsWith(PODS_PATH))
        .map(r -> r.getMethod() + " " + path(r)).toList();
  }

  private static String deleteCall(String pod) {
    return "DELETE " + PODS_PATH + pod;
  }

  private static <T> int indexOf(List<T> items, Predicate<T> which) {
    for (int i = 0; i < items.size(); i++) {
      if (which.test(items.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String path(RecordedRequest r) {
    String path = r.getPath();
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static List<String> calls(List<RecordedRequest> requests) {
    return requests.stream().filter(r -> !"GET".equals(r.getMethod())).map(r -> r.getMethod() + " " + path(r))
        .toList();
  }

  /** All requests so far, in arrival order. */
  private List<RecordedRequest> journal() {
    try {
      RecordedRequest r;
      while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
        journal.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading the request journal", e);
    }
    return journal;
  }
}
