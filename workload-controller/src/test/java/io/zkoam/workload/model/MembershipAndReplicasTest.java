package io.zkoam.workload.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.ServerRole;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import io.zkoam.workload.Fixtures;
import io.zkoam.workload.observe.CommittedConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipAndReplicasTest {
  private static ClusterMember member(int id, ServerRole role) {
    return new ClusterMember(id, "zk-" + (id - 1), "zk-" + (id - 1) + ".zk-hs.ns.svc.cluster.local", role);
  }

  private static ZooKeeperClusterStatus statusWith(List<ClusterMember> members, String version) {
    return new ZooKeeperClusterStatus(1L, 3, 3, null, 3, members, null, version, null, null, null, null, null, null);
  }

  @Test
  void bootstrapListsSpecReplicasAsVoters() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 3");
    Membership m = MembershipSource.choose(zk, Optional.empty(), null, Platform.KUBERNETES);
    assertThat(m.configVersion()).isNull();
    assertThat(m.dynamicConfig(2888, 3888, 2181)).isEqualTo("""
        server.1=zk-0.zk-hs.ns.svc.cluster.local:2888:3888:participant;zk-0.zk-hs.ns.svc.cluster.local:2181
        server.2=zk-1.zk-hs.ns.svc.cluster.local:2888:3888:participant;zk-1.zk-hs.ns.svc.cluster.local:2181
        server.3=zk-2.zk-hs.ns.svc.cluster.local:2888:3888:participant;zk-2.zk-hs.ns.svc.cluster.local:2181
        """);
  }

  @Test
  void theEnsembleWinsOverStatusWhichWinsOverTheConfigMap() {
    ZooKeeperCluster zk = Fixtures.cluster("zk", "replicas: 5");
    zk.setStatus(statusWith(List.of(member(1, ServerRole.participant)), "100000001"));
    var configMap = new ConfigMapBuilder().withNewMetadata().withName("zk-config").endMetadata()
        .addToData("zoo.cfg.dynamic", "server.7=zk-6.zk-hs:2888:3888:participant;zk-6.zk-hs:2181\n").build();
    CommittedConfig committed = new CommittedConfig("200000003",
        List.of(member(1, ServerRole.participant), member(2, ServerRole.participant)));

    assertThat(MembershipSource.choose(zk, Optional.of(committed), configMap, Platform.KUBERNETES).configVersion())
        .isEqualTo("200000003");
    assertThat(MembershipSource.choose(zk, Optional.empty(), configMap, Platform.KUBERNETES).members())
        .extracting(ClusterMember::id).containsExactly(1);
    zk.setStatus(null);
    assertThat(MembershipSource.choose(zk, Optional.empty(), configMap, Platform.KUBERNETES).members())
        .extracting(ClusterMember::id).containsExactly(7);
  }

  @Test
  void configMapMembersKeepTheirRoles() {
    var configMap = new ConfigMapBuilder().withNewMetadata().withName("zk-config").endMetadata()
        .addToData("zoo.cfg.dynamic", "server.1=a:2888:3888:participant;a:2181\nserver.2=b:2888:3888:observer;b:2181\n")
        .addToData("config-version", "100000000").build();
    Membership m = MembershipSource.fromConfigMap("zk", configMap).orElseThrow();
    assertThat(m.members()).extracting(ClusterMember::role).containsExactly(ServerRole.participant,
        ServerRole.observer);
    assertThat(m.configVersion()).isEqualTo("100000000");
  }

  @Test
  void aVoterAboveSpecReplicasKeepsItsPod() {
    Membership five = new Membership(List.of(member(1, ServerRole.participant), member(2, ServerRole.participant),
        member(3, ServerRole.participant), member(4, ServerRole.participant), member(5, ServerRole.participant)),
        "1");
    assertThat(ReplicaGuard.statefulSetReplicas(3, five)).isEqualTo(5);
    assertThat(ReplicaGuard.scaleDownBlocked(3, five)).isTrue();
    assertThat(ReplicaGuard.statefulSetReplicas(7, five)).isEqualTo(7);
    assertThat(ReplicaGuard.scaleDownBlocked(5, five)).isFalse();
  }

  @Test
  void observersAboveSpecReplicasDoNotHoldPods() {
    Membership m = new Membership(List.of(member(1, ServerRole.participant), member(4, ServerRole.observer)), "1");
    assertThat(ReplicaGuard.statefulSetReplicas(1, m)).isEqualTo(1);
  }
}
