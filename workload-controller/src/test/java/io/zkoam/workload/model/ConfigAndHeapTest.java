package io.zkoam.workload.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.ServerRole;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.workload.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigAndHeapTest {
  private static ClusterInputs inputs(ZooKeeperCluster zk, Membership m) {
    return new ClusterInputs(zk, Platform.KUBERNETES, m);
  }

  @Test
  void overridesReplaceDefaultsAndRenderSorted() {
    String cfg = ZooKeeperConfig.render(Fixtures.cluster("a", "config: {tickTime: '500', zz.last: x}").getSpec());
    assertThat(cfg).contains("tickTime=500\n").doesNotContain("tickTime=2000").contains("autopurge.purgeInterval=1");
    assertThat(cfg.indexOf("autopurge")).isLessThan(cfg.indexOf("tickTime"));
    assertThat(cfg).endsWith("zz.last=x\n");
  }

  @Test
  void membershipChangesDoNotChangeTheConfigHashButConfigDoes() {
    ZooKeeperCluster zk = Fixtures.cluster("a", "replicas: 3");
    Membership three = Membership.bootstrap("a", "ns", "cluster.local", 3);
    Membership four = new Membership(List.of(new ClusterMember(4, "a-3", "h", ServerRole.participant)), "5");
    assertThat(ConfigMapModel.configHash(inputs(zk, three))).isEqualTo(ConfigMapModel.configHash(inputs(zk, four)));
    ZooKeeperCluster tuned = Fixtures.cluster("a", "config: {tickTime: '1000'}");
    assertThat(ConfigMapModel.configHash(inputs(tuned, three))).isNotEqualTo(ConfigMapModel.configHash(
        inputs(zk, three)));
  }

  @Test
  void heapFollowsTheMemoryLimitUnlessSet() {
    assertThat(HeapSizing.heapMiB(Fixtures.cluster("a", "resources: {limits: {memory: 2Gi}}").getSpec()))
        .isEqualTo(1024);
    assertThat(HeapSizing.heapMiB(Fixtures.cluster("a",
        "resources: {limits: {memory: 2Gi}}\njvm: {heapPercentOfLimit: 75}").getSpec())).isEqualTo(1536);
    assertThat(HeapSizing.heapMiB(Fixtures.cluster("a", "jvm: {heap: 300Mi}").getSpec())).isEqualTo(300);
    assertThat(HeapSizing.heapMiB(Fixtures.cluster("a", "replicas: 1").getSpec()))
        .isEqualTo(HeapSizing.DEFAULT_HEAP_MIB);
    assertThat(HeapSizing.heapMiB(Fixtures.cluster("a", "resources: {limits: {memory: 64Mi}}").getSpec()))
        .as("never below 64 MiB").isEqualTo(64);
  }

  @Test
  void secretIsGeneratedOnceAndOnlyCompleted() {
    ClusterInputs in = inputs(Fixtures.cluster("a", "replicas: 1"), Membership.bootstrap("a", "ns", "c", 1));
    var random = new java.security.SecureRandom();
    var first = AuthSecretModel.desired(in, null, random);
    assertThat(first.getData()).containsKeys("super-password", "agent-token");
    assertThat(first.getData().get("super-password")).isNotEqualTo(first.getData().get("agent-token"));
    assertThat(AuthSecretModel.desired(in, first, random)).as("complete secret is left alone").isNull();
    var partial = new io.fabric8.kubernetes.api.model.SecretBuilder(first).build();
    partial.setData(new java.util.HashMap<>(java.util.Map.of("super-password", "a2VlcA==")));
    assertThat(AuthSecretModel.desired(in, partial, random).getData())
        .containsEntry("super-password", "a2VlcA==").containsKey("agent-token");
  }
}
