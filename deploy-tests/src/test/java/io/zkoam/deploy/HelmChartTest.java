package io.zkoam.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkoam.api.testing.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * deploy/helm/zkoam, rendered by {@link HelmTemplate} (helm itself is not installed where the tests run): the output
 * parses into fabric8's typed model and equals the kustomize tree object by object (the Namespace and the CRDs aside:
 * Helm installs the chart's crds/ separately and does not create the namespace); crds/ equals deploy/crds.
 */
class HelmChartTest {

  @Test
  void defaultsRenderDeploy() {
    assertSameObjects(HelmChart.render(Map.of()), Kustomize.render(Kustomize.DEFAULT));
  }

  @Test
  void namespaceScopedRendersTheNamespacedOverlay() {
    String watched = Kustomize.render(Kustomize.NAMESPACED).get("Role", Component.SCALER_TRAIT.controller())
        .at("/metadata/namespace").asText();
    assertSameObjects(HelmChart.render(Map.of("namespaceScoped", true, "watchNamespace", watched)),
        Kustomize.render(Kustomize.NAMESPACED));
  }

  @Test
  void openshiftRendersTheOpenshiftOverlay() {
    assertSameObjects(HelmChart.render(Map.of("openshift", true)), Kustomize.render(Kustomize.OPENSHIFT));
  }

  @ParameterizedTest
  @EnumSource(Component.class)
  void aDisabledControllerLeavesOutItsObjectsOnly(Component disabled) {
    Rendered all = HelmChart.render(Map.of());
    Rendered without = HelmChart.render(Map.of(disabled.valuesKey() + ".enabled", false));
    without.objects().forEach(TypedModel::parse);
    Rendered expected = all.without(o -> disabled.controller().equals(o.at("/metadata/labels")
        .path("app.kubernetes.io/name").asText()));
    assertThat(expected.objects()).hasSizeLessThan(all.objects().size());
    assertThat(without.byKey()).isEqualTo(expected.byKey());
  }

  @Test
  void everythingFollowsTheReleaseNamespaceAndValues() {
    Rendered rendered = Rendered.parse(HelmChart.renderText(Map.of(), "zk-ops"));
    for (JsonNode o : rendered.objects()) {
      boolean clusterScoped = List.of("ClusterRole", "ClusterRoleBinding").contains(o.path("kind").asText());
      assertThat(o.at("/metadata/namespace").asText(null)).as(Rendered.key(o))
          .isEqualTo(clusterScoped ? null : "zk-ops");
      o.path("subjects").forEach(s -> assertThat(s.path("namespace").asText()).isEqualTo("zk-ops"));
    }
    Rendered custom = HelmChart.render(Map.of("image.registry", "registry.example.com/zk", "image.tag", "1.2.3",
        "imagePullSecrets", List.of(Map.of("name", "pull")), "workloadController.replicas", 3,
        "workloadController.clusterDomain", "example.internal"));
    custom.objects().forEach(TypedModel::parse);
    JsonNode pod = custom.get("Deployment", Component.WORKLOAD_CONTROLLER.controller()).at("/spec/template/spec");
    assertThat(pod.at("/containers/0/image").asText())
        .isEqualTo("registry.example.com/zk/zkoam-workload-controller:1.2.3");
    assertThat(pod.at("/imagePullSecrets/0/name").asText()).isEqualTo("pull");
    assertThat(pod.at("/containers/0/env").findValuesAsText("value")).contains("example.internal");
    assertThat(custom.get("Deployment", Component.WORKLOAD_CONTROLLER.controller()).at("/spec/replicas").asInt())
        .isEqualTo(3);
  }

  @Test
  void chartCrdsAreCopiesOfDeployCrds() throws IOException {
    Path chart = HelmChart.directory().resolve("crds");
    Path deploy = Manifests.repositoryRoot().resolve("deploy/crds");
    List<String> names = Manifests.yamlFiles(deploy).stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names).hasSize(4);
    try (Stream<Path> files = Files.list(chart)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(names);
    }
    for (String name : names) {
      assertThat(Files.readString(chart.resolve(name))).as(name).isEqualTo(Files.readString(deploy.resolve(name)));
    }
  }

  @Test
  void chartMetadataMatchesTheDefaultImage() {
    JsonNode chart = Manifests.documents(HelmChart.directory().resolve("Chart.yaml")).get(0);
    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("name").asText()).isEqualTo("zkoam");
    assertThat(chart.path("version").asText()).matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
    Map<String, Object> values = HelmChart.defaultValues();
    assertThat(chart.path("appVersion").asText()).isEqualTo(((Map<?, ?>) values.get("image")).get("tag"));
  }

  private static void assertSameObjects(Rendered helm, Rendered kustomize) {
    helm.objects().forEach(TypedModel::parse);
    Map<String, JsonNode> expected = kustomize.without(o -> Rendered.isCrd(o) || Rendered.isNamespace(o)).byKey();
    Map<String, JsonNode> actual = helm.byKey();
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((key, object) -> assertThat(JsonDiff.paths(object, actual.get(key)))
        .as(key + ": Helm's differences from kustomize's").isEmpty());
  }
}
