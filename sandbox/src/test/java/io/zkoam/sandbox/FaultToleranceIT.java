package io.zkoam.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.workload.WorkloadControllerMain;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controllers under a misbehaving API and their own restarts: a third of all writes fail with 409/500 while a
 * cluster is created, and the workload controller is restarted midway; the cluster still converges. Its claim goes
 * with it on deletion, as its reclaim policy asks.
 */
class FaultToleranceIT {
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

  /** The user's own create meets the injected failures too; like kubectl in a script, it tries again. */
  private static void createRetryingInjectedFailures(ZooKeeperCluster zk) {
    for (int attempt = 1; ; attempt++) {
      try {
        sandbox.client().resource(zk).create();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }

  @Test
  void singleServerClusterConvergesThroughWriteFailuresAndAControllerRestart() {
    sandbox.writeFaults().failWrites(0.33, Duration.ofSeconds(15));
    ZooKeeperCluster solo = TestClusters.cluster("solo", 1);
    solo.setSpec(new io.zkoam.api.v1alpha1.ZooKeeperClusterSpec(1, null, null, null, null, null,
        new io.zkoam.api.v1alpha1.StorageSpec(false, "1Gi", null, new io.zkoam.api.v1alpha1.StorageSpec.ReclaimPolicy(
            io.zkoam.api.v1alpha1.StorageSpec.Policy.Delete, null)), null, null, null, null, null, null));
    createRetryingInjectedFailures(solo);
    Await.until(Duration.ofSeconds(20), "StatefulSet created despite failures",
        () -> sandbox.client().apps().statefulSets().inNamespace("default").withName("solo").get() != null);
    sandbox.restartController(WorkloadControllerMain.NAME);
    Await.until(Duration.ofSeconds(120), "solo Ready", () -> {
      ZooKeeperCluster zk = sandbox.client().resources(ZooKeeperCluster.class).inNamespace("default")
          .withName("solo").get();
      return zk.getStatus() != null && Conditions.isTrue(zk.getStatus().conditions(), "Ready");
    }, () -> String.valueOf(sandbox.client().resources(ZooKeeperCluster.class).inNamespace("default")
        .withName("solo").get().getStatus()));
    ZooKeeperCluster zk = sandbox.client().resources(ZooKeeperCluster.class).inNamespace("default").withName("solo")
        .get();
    assertThat(sandbox.writeFaults().injected()).as("faults were really injected").isPositive();
    assertThat(zk.getStatus().voters()).isEqualTo(1);
    assertThat(zk.getStatus().leader()).isEqualTo("solo-0");
    assertThat(sandbox.client().apps().statefulSets().inNamespace("default").withName("solo").get().getSpec()
        .getTemplate().getSpec().getContainers()).as("no duplicated containers from retried patches").hasSize(2);

    // reclaimPolicy.whenDeleted: Delete takes the claim with the cluster (checked on a calm API again: the cluster
    // may converge while faults are still being injected, and this part is not about them).
    sandbox.writeFaults().stop();
    assertThat(sandbox.client().persistentVolumeClaims().inNamespace("default").withName("data-solo-0").get())
        .isNotNull();
    sandbox.client().resource(zk).delete();
    Await.until(Duration.ofSeconds(60), "claim deleted with the cluster", () ->
        sandbox.client().persistentVolumeClaims().inNamespace("default").withName("data-solo-0").get() == null);
  }
}
