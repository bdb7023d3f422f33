package io.zkoam.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.sandbox.api.EmbeddedApiServer;
import io.zkoam.sandbox.node.SimulatedNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kubeconfig}: the sandbox against an API server it did not start (here a second embedded API standing in for
 * a cluster without nodes or scheduler). The simulated node registers itself, binds the pods and runs them.
 */
class ExternalApiServerIT {

  @Test
  void clusterFormsOnAnExternalApiServer(@TempDir Path dir) {
    try (EmbeddedApiServer cluster = EmbeddedApiServer.start(Sandbox.crds(), 0, Clock.systemUTC())) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
      try (Sandbox sandbox = Sandbox.start(SandboxOptions.forTests().withExternalApi(kubeconfig))) {
        KubernetesClient client = cluster.newClient();
        client.resource(TestClusters.cluster("ext", 1)).create();
        Await.until(Duration.ofSeconds(120), "ext Ready on the external API", () -> {
          ZooKeeperCluster zk = client.resources(ZooKeeperCluster.class).inNamespace("default").withName("ext")
              .get();
          return zk.getStatus() != null && Conditions.isTrue(zk.getStatus().conditions(), "Ready");
        });
        assertThat(client.nodes().withName(SimulatedNode.NODE_NAME).get()).as("registered node").isNotNull();
        Pod pod = client.pods().inNamespace("default").withName("ext-0").get();
        assertThat(pod.getSpec().getNodeName()).isEqualTo(SimulatedNode.NODE_NAME);
        assertThat(sandbox.apiUrl()).isEqualTo(cluster.url() + "/");
      }
    }
  }
}
