package io.zkoam.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request → RBAC permission mapping behind the observed-permission files, and their recording by user agent. */
class RbacPermissionTest {

  @ParameterizedTest(name = "{0} {1} -> {2} {3} {4}")
  @CsvSource(delimiter = '|', value = {
      "GET | /api/v1/namespaces/ns/pods/p | get | '' | pods",
      "GET | /api/v1/namespaces/ns/pods?labelSelector=a%3Db | list | '' | pods",
      "GET | /api/v1/pods?allowWatchBookmarks=true&watch=true&resourceVersion=5 | watch | '' | pods",
      "GET | /api/v1/namespaces/ns/pods?fieldSelector=metadata.name%3Dp&watch=true | watch | '' | pods",
      "POST | /api/v1/namespaces/ns/events | create | '' | events",
      "PUT | /apis/zkoam.io/v1/namespaces/ns/zookeeperclusters/zk/status | update | zkoam.io"
          + " | zookeeperclusters/status",
      "GET | /apis/zkoam.io/v1/namespaces/ns/zookeeperclusters/zk/scale | get | zkoam.io | zookeeperclusters/scale",
      "PATCH | /apis/apps/v1/namespaces/ns/statefulsets/zk | patch | apps | statefulsets",
      "DELETE | /apis/policy/v1/namespaces/ns/poddisruptionbudgets/zk | delete | policy | poddisruptionbudgets",
      "DELETE | /api/v1/namespaces/ns/configmaps?labelSelector=x | deletecollection | '' | configmaps",
      "POST | /api/v1/namespaces/ns/pods/p/eviction | create | '' | pods/eviction",
      "GET | /api/v1/namespaces/ns/pods/p/log?container=zookeeper | get | '' | pods/log",
      "GET | /apis/coordination.k8s.io/v1/namespaces/zkoam-system/leases/l | get | coordination.k8s.io | leases",
      "GET | /api/v1/namespaces | list | '' | namespaces",
      "GET | /api/v1/namespaces/ns | get | '' | namespaces",
      "PUT | /api/v1/namespaces/ns/finalize | update | '' | namespaces/finalize",
      "GET | /api/v1/nodes/n | get | '' | nodes",
      "GET | /apis/apiextensions.k8s.io/v1/customresourcedefinitions | list | apiextensions.k8s.io"
          + " | customresourcedefinitions",
      "POST | /apis/authorization.k8s.io/v1/selfsubjectrulesreviews | create | authorization.k8s.io"
          + " | selfsubjectrulesreviews",
  })
  void mapsRequestsToPermissions(String method, String path, String verb, String group, String resource) {
    assertThat(RbacPermission.of(method, path)).contains(new RbacPermission(verb, group, resource));
  }

  @ParameterizedTest
  @CsvSource({"/api", "/api/v1", "/apis", "/apis/zkoam.io", "/apis/zkoam.io/v1", "/apis/zkoam.io/v1/", "/version",
      "/openapi/v2", "/openapi/v3/apis/apps/v1", "/healthz", "/api?timeout=32s"})
  void discoveryNeedsNoPermission(String path) {
    assertThat(RbacPermission.of("GET", path)).isEmpty();
  }

  @Test
  void tsvRoundTrips() {
    RbacPermission p = new RbacPermission("list", "", "pods");
    assertThat(p.tsv()).isEqualTo("list\t\tpods");
    assertThat(RbacPermission.parseTsv(p.tsv())).isEqualTo(p);
  }

  @Test
  void recordsEachClientByUserAgentAndMergesIntoFiles(@TempDir Path dir) throws Exception {
    try (EmbeddedApiServer api = EmbeddedApiServer.start(List.of(), 0, Clock.systemUTC())) {
      KubernetesClient agent = api.newClient("zkoam-test-agent");
      ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("m").withNamespace("default").endMetadata()
          .addToData("k", "v").build();
      agent.resource(map).create();
      agent.configMaps().inNamespace("default").withName("m").get();
      agent.configMaps().inNamespace("default").withName("m")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"w\"}}");
      try (Watch watch = agent.configMaps().inNamespace("default").watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, ConfigMap resource) {}

        @Override
        public void onClose(WatcherException cause) {}
      })) {
        assertThat(watch).isNotNull();
      }
      agent.configMaps().inNamespace("default").withName("m").delete();
      api.newClient().pods().inNamespace("default").list();

      assertThat(api.observedPermissions().of("zkoam-test-agent")).extracting(RbacPermission::tsv)
          .containsExactly("create\t\tconfigmaps", "delete\t\tconfigmaps", "get\t\tconfigmaps", "patch\t\tconfigmaps",
              "watch\t\tconfigmaps");
      assertThat(api.observedPermissions().of("zkoam-test-agent")).noneMatch(p -> p.resource().equals("pods"));

      Files.writeString(dir.resolve("zkoam-test-agent.tsv"), "update\tzkoam.io\tscalertraits/status\n");
      api.observedPermissions().writeMerged(dir, List.of("zkoam-test-agent", "zkoam-silent"));
      assertThat(Files.readAllLines(dir.resolve("zkoam-test-agent.tsv"))).containsExactly("create\t\tconfigmaps",
          "delete\t\tconfigmaps", "get\t\tconfigmaps", "patch\t\tconfigmaps", "update\tzkoam.io\tscalertraits/status",
          "watch\t\tconfigmaps");
      assertThat(dir.resolve("zkoam-silent.tsv")).isEmptyFile();
      assertThat(ObservedPermissions.read(dir.resolve("missing.tsv"))).isEmpty();
    }
  }
}
