package io.zkoam.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.ServerRole;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import io.zkoam.rollout.plan.RolloutView.PodState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the rollout reads from the workload's status and its Pod objects. */
class RolloutViewTest {
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  private static Pod pod(String name, String uid, String created, String revision, String ready, String deleted) {
    PodBuilder b = new PodBuilder().withMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns")
        .withUid(uid).withCreationTimestamp(created).withDeletionTimestamp(deleted).build());
    if (revision != null) {
      b.editMetadata().addToLabels(RolloutView.REVISION_LABEL, revision).endMetadata();
    }
    if (ready != null) {
      b.withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
    }
    return b.build();
  }

  private static ZooKeeperCluster cluster(ZooKeeperClusterStatus status) {
    ZooKeeperCluster zk = new ZooKeeperCluster();
    zk.setMetadata(new ObjectMetaBuilder().withName("zk").withNamespace("ns").build());
    zk.setStatus(status);
    return zk;
  }

  private static ZooKeeperClusterStatus status(boolean quorum) {
    return new ZooKeeperClusterStatus(3L, 4, 3, "app=zk", 3,
        List.of(new ClusterMember(1, "zk-0", "h0", ServerRole.participant),
            new ClusterMember(2, "zk-1", "h1", ServerRole.participant),
            new ClusterMember(3, "zk-2", "h2", ServerRole.participant),
            new ClusterMember(4, "zk-3", "h3", ServerRole.observer)),
        "zk-1", "100000003",
        List.of(new PodObservation("zk-0", 1, "new", true, "follower", true, "100000003"),
            new PodObservation("zk-1", 2, "old", true, "leader", true, "100000003"),
            new PodObservation("zk-2", 3, "old", false, "not-serving", true, null)),
        "old", "new", 1, "zk-client:2181",
        Conditions.setAll(List.of(), List.of(Conditions.of(ConditionTypes.QUORUM_AVAILABLE, quorum, "Q", "q", 3L)),
            T));
  }

  private static final List<Pod> PODS = List.of(
      pod("zk-0", "u0", "2025-03-01T11:00:00Z", "new", "True", null),
      pod("zk-1", "u1", "2025-02-01T08:00:00Z", "old", "True", null),
      pod("zk-2", "u2", "2025-02-01T08:00:00Z", "old", "False", null),
      pod("zk-3", "u3", "not a time", null, null, "2025-03-01T11:59:00Z"),
      pod("zk-client-0", "x", "2025-02-01T08:00:00Z", "old", "True", null),
      pod("other-0", "y", "2025-02-01T08:00:00Z", "old", "True", null));

  @Test
  void readsTheWorkloadStatusAndThePodObjects() {
    RolloutView view = RolloutView.of(cluster(status(true)), PODS);
    assertThat(view.cluster()).isEqualTo("zk");
    assertThat(view.updateRevision()).isEqualTo("new");
    assertThat(view.configVersion()).isEqualTo("100000003");
    assertThat(view.leader()).isEqualTo("zk-1");
    assertThat(view.quorumAvailable()).isTrue();
    assertThat(view.voters()).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(view.quorum()).isEqualTo(2);
    assertThat(view.pods()).containsOnlyKeys("zk-0", "zk-1", "zk-2", "zk-3");
    assertThat(view.pods().get("zk-0")).isEqualTo(new PodState("zk-0", 0, "u0",
        Instant.parse("2025-03-01T11:00:00Z"), false, true, "new",
        new PodObservation("zk-0", 1, "new", true, "follower", true, "100000003")));
    assertThat(view.pods().get("zk-2").ready()).isFalse();
    PodState zk3 = view.pods().get("zk-3");
    assertThat(zk3.terminating()).isTrue();
    assertThat(zk3.ready()).isFalse();
    assertThat(zk3.created()).isNull();
    assertThat(zk3.revision()).isNull();
    assertThat(zk3.observation()).isNull();
    assertThat(view.podsByOrdinal()).extracting(PodState::name).containsExactly("zk-0", "zk-1", "zk-2", "zk-3");
  }

  @Test
  void servingSyncedAndVoters() {
    RolloutView view = RolloutView.of(cluster(status(true)), PODS);
    PodState zk0 = view.pods().get("zk-0");
    PodState zk1 = view.pods().get("zk-1");
    PodState zk2 = view.pods().get("zk-2");
    PodState zk3 = view.pods().get("zk-3");
    assertThat(view.serving(zk0)).isTrue();
    assertThat(view.synced(zk0)).isTrue();
    assertThat(view.serving(zk2)).isFalse();
    assertThat(view.serving(zk3)).isFalse();
    assertThat(view.isLeader(zk1)).isTrue();
    assertThat(view.isLeader(zk0)).isFalse();
    assertThat(view.isVoter(zk2)).isTrue();
    assertThat(view.isVoter(zk3)).isFalse();
    assertThat(view.servingVoters(Set.of())).isEqualTo(2);
    assertThat(view.servingVoters(Set.of("zk-0"))).isEqualTo(1);
    assertThat(view.whyNotBack(zk2)).isEqualTo("its pod is not Ready");
    assertThat(view.whyNotBack(null)).isEqualTo("its pod does not exist");
  }

  @Test
  void withoutTheQuorumConditionThereIsNoQuorum() {
    assertThat(RolloutView.of(cluster(status(false)), PODS).quorumAvailable()).isFalse();
  }

  @Test
  void aWorkloadWithoutStatusIsKnownByItsPodsOnly() {
    RolloutView view = RolloutView.of(cluster(null), PODS);
    assertThat(view.updateRevision()).isNull();
    assertThat(view.configVersion()).isNull();
    assertThat(view.leader()).isNull();
    assertThat(view.quorumAvailable()).isFalse();
    assertThat(view.voters()).isEmpty();
    assertThat(view.pods()).containsOnlyKeys("zk-0", "zk-1", "zk-2", "zk-3");
    assertThat(view.pods().values()).extracting(PodState::observation).containsOnlyNulls();
    assertThat(view.serving(view.pods().get("zk-0"))).isFalse();
  }
}
