package io.zkoam.sandbox.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodNetworkTest {
  @Test
  void addressesAreStablePerPodAndDistinctPerSet(@TempDir Path dir) throws Exception {
    PodNetwork network = new PodNetwork(dir.resolve("hosts"));
    String zk0 = network.podAddress("ns", "zk", "zk-hs", "cluster.local", 0);
    String zk1 = network.podAddress("ns", "zk", "zk-hs", "cluster.local", 1);
    String other0 = network.podAddress("other", "zk", "zk-hs", "cluster.local", 0);
    assertThat(network.podAddress("ns", "zk", "zk-hs", "cluster.local", 0)).isEqualTo(zk0);
    assertThat(zk0).startsWith("127.").isNotEqualTo(zk1).isNotEqualTo(other0);
    assertThat(network.serviceAddress("ns", "zk-client")).isEqualTo(network.serviceAddress("ns", "zk-client"))
        .isNotEqualTo(network.serviceAddress("ns", "other-client"));
  }

  @Test
  void theWholeBlockOfASetIsResolvableBeforeItsPodsExist(@TempDir Path dir) throws Exception {
    PodNetwork network = new PodNetwork(dir.resolve("hosts"));
    network.podAddress("ns", "zk", "zk-hs", "cluster.local", 0);
    String hosts = Files.readString(dir.resolve("hosts"));
    assertThat(hosts).contains("127.0.0.1 localhost")
        .contains(" zk-0.zk-hs.ns.svc.cluster.local").contains(" zk-8.zk-hs.ns.svc.cluster.local");
    String joiner = network.podAddress("ns", "zk", "zk-hs", "cluster.local", 8);
    assertThat(hosts).contains(joiner + " zk-8.zk-hs.ns.svc.cluster.local");
  }
}
