package io.zkoam.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded API adds to the mock: discovery, tables, a faithful scale subresource, write faults. */
class EmbeddedApiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static EmbeddedApiServer api;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    List<String> crds = List.of(read("zookeeperclusters.zkoam.io-v1.yml"));
    api = EmbeddedApiServer.start(EmbeddedApiServer.readCrds(crds), 0, Clock.systemUTC());
    client = api.newClient();
    client.resource(io.zkoam.sandbox.TestClusters.cluster("zk", 3)).create();
  }

  private static String read(String crd) throws Exception {
    return new String(EmbeddedApiServerTest.class.getClassLoader().getResourceAsStream("sandbox/crds/" + crd)
        .readAllBytes(), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static HttpResponse<String> call(String method, String path, String contentType, String body,
      String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void discoveryMapsShortNamesToResources() throws Exception {
    JsonNode groups = JSON.readTree(call("GET", "/apis", null, null, null).body());
    assertThat(groups.path("groups").findValuesAsText("name")).contains("apps", "zkoam.io", "policy");
    JsonNode resources = JSON.readTree(call("GET", "/apis/zkoam.io/v1alpha1", null, null, null).body());
    JsonNode zk = resources.path("resources").get(0);
    assertThat(zk.path("name").asText()).isEqualTo("zookeeperclusters");
    assertThat(zk.path("shortNames").toString()).contains("zk", "zkc");
    assertThat(resources.path("resources").findValuesAsText("name")).contains("zookeeperclusters/scale");
  }

  @Test
  void tablesUseThePrinterColumns() throws Exception {
    JsonNode table = JSON.readTree(call("GET", "/apis/zkoam.io/v1alpha1/namespaces/default/zookeeperclusters", null,
        null, "application/json;as=Table;v=v1;g=meta.k8s.io").body());
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .contains("Name", "Replicas", "Ready", "Leader", "Version", "Age");
    assertThat(table.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("zk");
  }

  @Test
  void scaleSubresourceSpeaksScaleAndChangesOnlyReplicas() throws Exception {
    String path = "/apis/zkoam.io/v1alpha1/namespaces/default/zookeeperclusters/zk/scale";
    JsonNode got = JSON.readTree(call("GET", path, null, null, null).body());
    assertThat(got.path("kind").asText()).isEqualTo("Scale");
    assertThat(got.path("spec").path("replicas").asInt()).isEqualTo(3);

    JsonNode patched = JSON.readTree(call("PATCH", path, "application/merge-patch+json",
        "{\"spec\":{\"replicas\":5}}", null).body());
    assertThat(patched.path("kind").asText()).isEqualTo("Scale");
    assertThat(patched.path("spec").path("replicas").asInt()).isEqualTo(5);

    JsonNode put = JSON.readTree(call("PUT", path, "application/json",
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"zk\"},\"spec\":{\"replicas\":4}}",
        null).body());
    assertThat(put.path("spec").path("replicas").asInt()).isEqualTo(4);
    ZooKeeperCluster zk = client.resources(ZooKeeperCluster.class).inNamespace("default").withName("zk").get();
    assertThat(zk.getKind()).isEqualTo("ZooKeeperCluster");
    assertThat(zk.getSpec().replicas()).isEqualTo(4);
    assertThat(zk.getSpec().version()).isEqualTo("3.9.5");
  }

  @Test
  void aScaleWithAStaleResourceVersionIsRefused() throws Exception {
    String path = "/apis/zkoam.io/v1alpha1/namespaces/default/zookeeperclusters/zk/scale";
    HttpResponse<String> stale = call("PUT", path, "application/json",
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"zk\","
            + "\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":7}}", null);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(client.resources(ZooKeeperCluster.class).inNamespace("default").withName("zk").get().getSpec()
        .replicas()).isNotEqualTo(7);
  }

  @Test
  void aStatusWrittenFromAStaleReadIsRefusedAndAFreshOneAccepted() {
    var clusters = client.resources(ZooKeeperCluster.class).inNamespace("default");
    ZooKeeperCluster read = clusters.withName("zk").get();
    ZooKeeperCluster first = clusters.resource(withStatusVoters(read, 3)).updateStatus();
    assertThat(first.getStatus().voters()).isEqualTo(3);

    assertThatThrownBy(() -> clusters.resource(withStatusVoters(read, 5)).updateStatus())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(clusters.withName("zk").get().getStatus().voters()).as("the newer status stays").isEqualTo(3);

    assertThat(clusters.resource(withStatusVoters(first, 5)).updateStatus().getStatus().voters()).isEqualTo(5);
  }

  private static ZooKeeperCluster withStatusVoters(ZooKeeperCluster zk, int voters) {
    ZooKeeperCluster copy = client.getKubernetesSerialization().clone(zk);
    copy.setStatus(new io.zkoam.api.v1alpha1.ZooKeeperClusterStatus(null, null, null, null, voters, null, null, null,
        null, null, null, null, null, null));
    return copy;
  }

  @Test
  void writeFaultsFailWritesButNotReads() {
    api.faults().failWrites(1.0, Duration.ofSeconds(5));
    try {
      assertThat(client.resources(ZooKeeperCluster.class).inNamespace("default").withName("zk").get()).isNotNull();
      try {
        client.configMaps().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
            .withNewMetadata().withName("x").endMetadata().build()).create();
        throw new AssertionError("write went through");
      } catch (KubernetesClientException e) {
        assertThat(e.getCode()).isIn(409, 500);
      }
    } finally {
      api.faults().stop();
    }
    assertThat(api.faults().injected()).isPositive();
  }

  @Test
  void kubeconfigPointsAtTheApi(@TempDir Path dir) throws Exception {
    Path file = api.writeKubeconfig(dir.resolve("kubeconfig"));
    assertThat(Files.readString(file)).contains("server: " + api.url(), "current-context: zkoam-sandbox");
  }

  @Test
  void eventsOfOneObjectAreListedByInvolvedObjectFieldsAsKubectlDescribeAsks() throws Exception {
    for (String[] e : new String[][] {{"a", "ScalerTrait", "zk-scaler", "StepStarted"},
        {"b", "ZooKeeperCluster", "zk", "LeaderChanged"}, {"c", "ScalerTrait", "other", "StepCompleted"}}) {
      client.v1().events().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.EventBuilder()
          .withNewMetadata().withName("ev-" + e[0]).withNamespace("default").endMetadata()
          .withNewInvolvedObject().withKind(e[1]).withName(e[2]).withNamespace("default").endInvolvedObject()
          .withReason(e[3]).withType("Normal").withMessage("m " + e[0]).withLastTimestamp("2026-01-01T00:00:00Z")
          .build()).create();
    }
    String selector = java.net.URLEncoder.encode("involvedObject.name=zk-scaler,involvedObject.namespace=default,"
        + "involvedObject.kind=ScalerTrait", StandardCharsets.UTF_8);
    JsonNode list = JSON.readTree(call("GET", "/api/v1/namespaces/default/events?fieldSelector=" + selector, null,
        null, null).body());
    assertThat(list.path("items")).extracting(i -> i.path("reason").asText()).containsExactly("StepStarted");
    assertThat(list.path("kind").asText()).as("what kubectl describe decodes").isEqualTo("EventList");

    JsonNode table = JSON.readTree(call("GET", "/api/v1/namespaces/default/events?fieldSelector="
        + java.net.URLEncoder.encode("involvedObject.kind!=ScalerTrait", StandardCharsets.UTF_8), null, null,
        "application/json;as=Table;v=v1;g=meta.k8s.io").body());
    assertThat(table.path("columnDefinitions")).extracting(c -> c.path("name").asText())
        .containsExactly("Name", "Last Seen", "Type", "Reason", "Object", "Message");
    assertThat(table.path("rows")).singleElement().satisfies(row -> assertThat(row.path("cells").toString())
        .contains("LeaderChanged", "zookeepercluster/zk", "m b"));
  }
}
