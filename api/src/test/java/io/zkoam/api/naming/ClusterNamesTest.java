package io.zkoam.api.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterNamesTest {
  @Test
  void podNamesServerIdsAndHosts() {
    assertThat(ClusterNames.pod("zk", 2)).isEqualTo("zk-2");
    assertThat(ClusterNames.serverId(2)).isEqualTo(3);
    assertThat(ClusterNames.ordinalOfServer(3)).isEqualTo(2);
    assertThat(ClusterNames.podHost("zk", 0, "prod", "cluster.local"))
        .isEqualTo("zk-0.zk-hs.prod.svc.cluster.local");
    assertThat(ClusterNames.clientServiceHost("zk", "prod", "cluster.local"))
        .isEqualTo("zk-client.prod.svc.cluster.local");
  }

  @Test
  void ordinalOnlyForThisClustersPods() {
    assertThat(ClusterNames.ordinal("zk", "zk-4")).hasValue(4);
    assertThat(ClusterNames.ordinal("zk", "zk-abc")).isEmpty();
    assertThat(ClusterNames.ordinal("zk", "zk-")).isEmpty();
    assertThat(ClusterNames.ordinal("zk", "zk-a-1")).isEmpty();
    assertThat(ClusterNames.ordinal("zk", "other-1")).isEmpty();
    assertThat(ClusterNames.ordinal("zk", null)).isEmpty();
  }

  @Test
  void selectorIsASubsetOfTheLabels() {
    assertThat(ClusterLabels.of("zk", "3.9.5")).containsAllEntriesOf(ClusterLabels.selector("zk"));
    assertThat(ClusterLabels.selectorString("zk"))
        .isEqualTo("app.kubernetes.io/name=zookeeper,app.kubernetes.io/instance=zk");
  }
}
