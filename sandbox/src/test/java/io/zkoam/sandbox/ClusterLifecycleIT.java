package io.zkoam.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A ZooKeeperCluster on the sandbox: real servers form a quorum under the workload controller. */
class ClusterLifecycleIT {
  private static final Duration FORM = Duration.ofSeconds(120);
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.forTests());
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  static ZooKeeperCluster cluster(String name) {
    return sandbox.client().resources(ZooKeeperCluster.class).inNamespace("default").withName(name).get();
  }

  static boolean ready(String name) {
    ZooKeeperCluster zk = cluster(name);
    return zk != null && zk.getStatus() != null && Conditions.isTrue(zk.getStatus().conditions(), "Ready");
  }

  static String describe(String name) {
    ZooKeeperCluster zk = cluster(name);
    List<Pod> pods = sandbox.client().pods().inNamespace("default").list().getItems();
    return "status=" + (zk == null ? null : zk.getStatus()) + "\npods=" + pods.stream()
        .map(p -> p.getMetadata().getName() + ":" + (p.getStatus() == null ? null : p.getStatus().getPhase()))
        .collect(Collectors.joining(","));
  }

  @Test
  void sampleClusterBecomesReadyAndServesClients() throws Exception {
    sandbox.apply(Sandbox.sample("zookeepercluster.yaml"));
    Await.until(FORM, "zk Ready", () -> ready("zk"), () -> describe("zk"));
    ZooKeeperCluster zk = cluster("zk");
    assertThat(zk.getStatus().voters()).isEqualTo(3);
    assertThat(zk.getStatus().leader()).startsWith("zk-");
    assertThat(zk.getStatus().pods()).extracting(p -> p.mode()).containsOnly("leader", "follower")
        .containsOnlyOnce("leader");

    String connect = sandbox.client().pods().inNamespace("default").withLabel("app.kubernetes.io/instance", "zk")
        .list().getItems().stream().map(p -> p.getStatus().getPodIP() + ":2181").collect(Collectors.joining(","));
    try (ZooKeeper client = new ZooKeeper(connect, 10_000, e -> { })) {
      Await.until(Duration.ofSeconds(20), "client connected", () -> client.getState().isConnected());
      client.create("/hello", "world".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT);
      assertThat(new String(client.getData("/hello", false, null), StandardCharsets.UTF_8)).isEqualTo("world");
    }
  }
}
