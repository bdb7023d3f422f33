package io.zkoam.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import io.zkoam.workload.model.Platform;
import io.zkoam.workload.observe.AgentConfigView;
import io.zkoam.workload.observe.AgentStatus;
import io.zkoam.workload.observe.ClusterObserver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status on the API server is exactly the status the last reconcile computed, also when that reconcile ran on a
 * cached cluster that did not yet show the previous status write. Pods appearing one after the other make such
 * reconciles: Degraded goes False (forming) → True (some pods missing) → False (all there), the last step often on
 * the stale cache. A status write that only sends what differs from the cached object then drops the last flip,
 * and the server keeps Degraded=True beside Ready=True until the next resync (here a minute away).
 */
@EnableKubernetesMockClient(crud = true)
class StatusWriteTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int CLUSTERS = 8;
  private static final String NAMESPACE = "ns";
  static KubernetesClient client;

  private final EnsembleAgents agents = new EnsembleAgents();
  private ControllerRuntime runtime;

  @BeforeEach
  void startController() {
    runtime = WorkloadControllerMain.start(client, ControllerOptions.embedded("status-write-test"),
        Platform.KUBERNETES, new ReconcileTiming(Duration.ofMillis(500), Duration.ofMinutes(1)),
        new ClusterObserver(agents));
  }

  @AfterEach
  void stopController() {
    runtime.close();
  }

  private static String name(int i) {
    return "sw-" + i;
  }

  private static ZooKeeperClusterStatus status(String cluster) {
    return client.resources(ZooKeeperCluster.class).inNamespace(NAMESPACE).withName(cluster).get().getStatus();
  }

  private static String condition(ZooKeeperClusterStatus status, String type) {
    return status == null ? null : Conditions.find(status.conditions(), type)
        .map(c -> c.getStatus() + "/" + c.getReason()).orElse(null);
  }

  @Test
  void theServerHoldsTheComputedStatusAfterQuickSuccessiveReconciles() throws InterruptedException {
    for (int i = 0; i < CLUSTERS; i++) {
      ZooKeeperCluster zk = new ZooKeeperCluster();
      zk.getMetadata().setName(name(i));
      zk.getMetadata().setNamespace(NAMESPACE);
      client.resource(zk).create();
    }
    Await.until(WAIT, "every cluster forming with its StatefulSet", () -> IntStream.range(0, CLUSTERS)
        .allMatch(i -> "False/Forming".equals(condition(status(name(i)), "Degraded"))
            && client.apps().statefulSets().inNamespace(NAMESPACE).withName(name(i)).get() != null));

    for (int i = 0; i < CLUSTERS; i++) {
      runPods(i);
    }
    Await.until(WAIT, "every cluster Ready", () -> IntStream.range(0, CLUSTERS)
        .allMatch(i -> "True/AllMembersServing".equals(condition(status(name(i)), "Ready"))));
    // Reconciles still queued by the last pod events finish well within this.
    Thread.sleep(2000);

    for (int i = 0; i < CLUSTERS; i++) {
      ZooKeeperClusterStatus status = status(name(i));
      List<String> conditions = status.conditions().stream()
          .map(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason()).toList();
      assertThat(conditions).as("conditions of %s on the API server", name(i)).containsExactly(
          "Ready=True/AllMembersServing", "QuorumAvailable=True/LeaderElected", "UpdatePending=False/AllPodsUpdated",
          "ScaleDownBlocked=False/NoVoterAffected", "Degraded=False/AllServing");
    }
  }

  /** What the StatefulSet controller and kubelet would do: three Ready pods with serving agents, one by one. */
  private void runPods(int i) {
    String cluster = name(i);
    List<AgentConfigView.Member> members = IntStream.range(0, 3)
        .mapToObj(o -> new AgentConfigView.Member(ClusterNames.serverId(o),
            ClusterNames.podHost(cluster, o, NAMESPACE, Platform.KUBERNETES.clusterDomain()), "participant"))
        .toList();
    for (int o = 0; o < 3; o++) {
      String ip = "127.0." + (10 + i) + "." + (o + 1);
      agents.serve(ip, cluster, o == 0 ? AgentStatus.LEADER : AgentStatus.FOLLOWER, ClusterNames.serverId(o),
          "100000000", members);
      Map<String, String> labels = new HashMap<>(ClusterLabels.of(cluster, "3.9.5"));
      labels.put("controller-revision-hash", cluster + "-1");
      Pod pod = new PodBuilder().withNewMetadata().withName(ClusterNames.pod(cluster, o)).withNamespace(NAMESPACE)
          .withLabels(labels).endMetadata()
          .withNewStatus().withPodIP(ip).withPhase("Running")
          .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
      client.resource(pod).create();
    }
    StatefulSet sts = client.apps().statefulSets().inNamespace(NAMESPACE).withName(cluster).get();
    sts.setStatus(new StatefulSetStatusBuilder().withReplicas(3).withCurrentRevision(cluster + "-1")
        .withUpdateRevision(cluster + "-1").build());
    client.resource(sts).updateStatus();
  }
}
