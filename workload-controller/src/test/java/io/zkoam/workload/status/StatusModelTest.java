package io.zkoam.workload.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.ServerRole;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import io.zkoam.workload.Fixtures;
import io.zkoam.workload.model.Membership;
import io.zkoam.workload.model.Platform;
import io.zkoam.workload.observe.AgentStatus;
import io.zkoam.workload.observe.CommittedConfig;
import io.zkoam.workload.observe.Observation;
import io.zkoam.workload.observe.PodView;
import io.zkoam.workload.validate.SpecProblem;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusModelTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final StatefulSet STS = new StatefulSetBuilder().withNewStatus().withUpdateRevision("zk-new")
      .endStatus().build();

  private static ClusterMember voter(int id) {
    return new ClusterMember(id, "zk-" + (id - 1), "zk-" + (id - 1) + ".zk-hs.ns.svc.cluster.local",
        ServerRole.participant);
  }

  private static PodView pod(int ordinal, boolean ready, String revision) {
    return new PodView("zk-" + ordinal, ordinal, "127.0.0." + (ordinal + 1), ready, revision, false, 0);
  }

  private static AgentStatus agent(String mode, int id) {
    return new AgentStatus(mode, !"not-serving".equals(mode), id, "100000000", "0x100000005", "3.9.5");
  }

  private static ZooKeeperClusterStatus compute(ZooKeeperCluster zk, List<PodView> pods, Map<String, AgentStatus> agents,
      List<ClusterMember> members, List<SpecProblem> problems) {
    Optional<CommittedConfig> committed = members.isEmpty() ? Optional.empty()
        : Optional.of(new CommittedConfig("100000000", members));
    Membership membership = committed.map(c -> new Membership(c.members(), c.version()))
        .orElse(Membership.bootstrap("zk", "ns", "cluster.local", 3));
    return StatusModel.compute(zk, new Observation(pods, agents, committed), membership, STS, problems,
        Platform.KUBERNETES, NOW);
  }

  private static Condition condition(ZooKeeperClusterStatus status, String type) {
    return Conditions.find(status.conditions(), type).orElseThrow();
  }

  @Test
  void healthyEnsembleIsReadyWithItsLeaderAndMembers() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    ZooKeeperClusterStatus s = compute(zk,
        List.of(pod(0, true, "zk-new"), pod(1, true, "zk-new"), pod(2, true, "zk-new")),
        Map.of("zk-0", agent("follower", 1), "zk-1", agent("leader", 2), "zk-2", agent("follower", 3)),
        List.of(voter(1), voter(2), voter(3)), List.of());
    assertThat(s.leader()).isEqualTo("zk-1");
    assertThat(s.voters()).isEqualTo(3);
    assertThat(s.readyReplicas()).isEqualTo(3);
    assertThat(s.selector()).isEqualTo("app.kubernetes.io/name=zookeeper,app.kubernetes.io/instance=zk");
    assertThat(s.connectionString()).isEqualTo("zk-client.ns.svc.cluster.local:2181");
    assertThat(s.pods()).extracting(PodObservation::mode).containsExactly("follower", "leader", "follower");
    assertThat(condition(s, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(s, "QuorumAvailable").getMessage()).contains("leader zk-1", "3 of 3");
    assertThat(condition(s, "Degraded").getStatus()).isEqualTo("False");
    assertThat(condition(s, "UpdatePending").getStatus()).isEqualTo("False");
    assertThat(s.updatedReplicas()).isEqualTo(3);
    assertThat(s.observedGeneration()).isEqualTo(1L);
  }

  @Test
  void aCrashedPeerLeavesQuorumButMakesTheClusterDegraded() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    ZooKeeperClusterStatus s = compute(zk,
        List.of(pod(0, true, "zk-new"), pod(1, true, "zk-new"), pod(2, false, "zk-new")),
        Map.of("zk-0", agent("follower", 1), "zk-1", agent("leader", 2)),
        List.of(voter(1), voter(2), voter(3)), List.of());
    assertThat(condition(s, "QuorumAvailable").getStatus()).isEqualTo("True");
    assertThat(condition(s, "Ready").getReason()).isEqualTo("MembersNotServing");
    assertThat(condition(s, "Degraded").getStatus()).isEqualTo("True");
    assertThat(condition(s, "Degraded").getMessage()).contains("zk-2 (server 3) does not answer");
  }

  @Test
  void aServingMemberWhosePodIsNotReadyYetKeepsTheClusterNotReady() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    ZooKeeperClusterStatus s = compute(zk,
        List.of(pod(0, true, "zk-new"), pod(1, false, "zk-new"), pod(2, true, "zk-new")),
        Map.of("zk-0", agent("follower", 1), "zk-1", agent("leader", 2), "zk-2", agent("follower", 3)),
        List.of(voter(1), voter(2), voter(3)), List.of());
    assertThat(condition(s, "QuorumAvailable").getStatus()).isEqualTo("True");
    assertThat(condition(s, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(s, "Ready").getMessage()).contains("zk-1 (server 2) serves but its pod is not Ready yet");
  }

  @Test
  void aFormingEnsembleIsNotReadyButNotDegradedEither() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    ZooKeeperClusterStatus s = compute(zk,
        List.of(pod(0, false, "zk-new"), pod(1, false, "zk-new"), pod(2, false, "zk-new")), Map.of(), List.of(),
        List.of());
    assertThat(condition(s, "Ready").getReason()).isEqualTo("Forming");
    assertThat(condition(s, "Degraded").getStatus()).isEqualTo("False");
    assertThat(condition(s, "Degraded").getReason()).isEqualTo("Forming");
    assertThat(condition(s, "Degraded").getMessage()).doesNotContain("not a voter");
  }

  @Test
  void twoOfThreeDownIsNoQuorum() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    ZooKeeperClusterStatus s = compute(zk,
        List.of(pod(0, false, "zk-new"), pod(1, false, "zk-new"), pod(2, false, "zk-new")),
        Map.of("zk-0", agent("not-serving", 1)),
        List.of(voter(1), voter(2), voter(3)), List.of());
    assertThat(condition(s, "QuorumAvailable").getReason()).isEqualTo("NoQuorum");
    assertThat(condition(s, "Ready").getReason()).isEqualTo("NoQuorum");
    assertThat(s.leader()).isNull();
  }

  @Test
  void podsOnAnOlderRevisionShowUpdatePending() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    Map<String, AgentStatus> agents = new HashMap<>(Map.of("zk-0", agent("follower", 1), "zk-1", agent("leader", 2),
        "zk-2", agent("follower", 3)));
    ZooKeeperClusterStatus s = compute(zk,
        List.of(pod(0, true, "zk-old"), pod(1, true, "zk-old"), pod(2, true, "zk-new")), agents,
        List.of(voter(1), voter(2), voter(3)), List.of());
    assertThat(condition(s, "UpdatePending").getStatus()).isEqualTo("True");
    assertThat(condition(s, "UpdatePending").getMessage()).contains("zk-0, zk-1");
    assertThat(s.currentRevision()).isEqualTo("zk-old");
    assertThat(s.updateRevision()).isEqualTo("zk-new");
    assertThat(s.updatedReplicas()).isEqualTo(1);
  }

  @Test
  void invalidSpecIsReportedByFieldOnReady() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    ZooKeeperClusterStatus s = compute(zk, List.of(), Map.of(), List.of(),
        List.of(new SpecProblem("spec.jvm.heap", "too big")));
    assertThat(condition(s, "Ready").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(s, "Ready").getMessage()).contains("spec.jvm.heap: too big", "left unchanged");
  }

  @Test
  void aVoterAboveSpecReplicasBlocksTheScaleDown() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 2");
    ZooKeeperClusterStatus s = compute(zk, List.of(), Map.of(), List.of(voter(1), voter(2), voter(3)), List.of());
    assertThat(condition(s, "ScaleDownBlocked").getStatus()).isEqualTo("True");
    assertThat(condition(s, "ScaleDownBlocked").getMessage()).contains("zk-2 is a voting member");
  }

  @Test
  void sameObservationTwiceGivesAnEqualStatusSoNothingIsWritten() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    List<PodView> pods = List.of(pod(0, true, "zk-new"), pod(1, true, "zk-new"), pod(2, true, "zk-new"));
    Map<String, AgentStatus> agents = Map.of("zk-0", agent("follower", 1), "zk-1", agent("leader", 2),
        "zk-2", agent("follower", 3));
    ZooKeeperClusterStatus first = compute(zk, pods, agents, List.of(voter(1), voter(2), voter(3)), List.of());
    zk.setStatus(first);
    ZooKeeperClusterStatus second = compute(zk, pods, agents, List.of(voter(1), voter(2), voter(3)), List.of());
    assertThat(second).isEqualTo(first);
    assertThat(StatusEvents.between(first, second)).isEmpty();
  }

  @Test
  void eventsOnFlipsAndLeaderChanges() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    List<ClusterMember> voters = List.of(voter(1), voter(2), voter(3));
    ZooKeeperClusterStatus healthy = compute(zk,
        List.of(pod(0, true, "zk-new"), pod(1, true, "zk-new"), pod(2, true, "zk-new")),
        Map.of("zk-0", agent("follower", 1), "zk-1", agent("leader", 2), "zk-2", agent("follower", 3)), voters,
        List.of());
    zk.setStatus(healthy);
    ZooKeeperClusterStatus failedOver = compute(zk,
        List.of(pod(0, true, "zk-new"), pod(1, false, "zk-new"), pod(2, true, "zk-new")),
        Map.of("zk-0", agent("leader", 1), "zk-2", agent("follower", 3)), voters, List.of());
    assertThat(StatusEvents.between(healthy, failedOver))
        .extracting(StatusEvents.Notice::reason)
        .contains("MembersNotServing", "ServersNotServing", "LeaderChanged");
    assertThat(StatusEvents.between(healthy, failedOver))
        .filteredOn(n -> n.reason().equals("MembersNotServing")).singleElement()
        .satisfies(n -> assertThat(n.type()).isEqualTo("Warning"));
  }
}
