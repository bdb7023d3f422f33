package io.zkoam.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.zkoam.api.testing.Crds;
import io.zkoam.api.testing.Manifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code kubectl kustomize} of deploy/ and its overlays (kubectl is required: skipped without it locally, failed under
 * CI=true): every object is valid in fabric8's typed model, and the Deployments and RBAC keep the rules of
 * docs/install.md.
 */
class KustomizeRenderTest {
  static final List<String> FOLDERS = Kustomize.ALL;

  @ParameterizedTest
  @FieldSource("FOLDERS")
  void everyObjectIsValidInTheTypedModel(String folder) {
    Rendered rendered = Kustomize.render(folder);
    assertThat(rendered.objects()).as("objects of " + folder).hasSizeGreaterThan(30);
    rendered.byKey();
    rendered.objects().forEach(TypedModel::parse);
  }

  @ParameterizedTest
  @FieldSource("FOLDERS")
  void installsTheFourCrdsAndTheNamespace(String folder) {
    Rendered rendered = Kustomize.render(folder);
    assertThat(rendered.ofKind("CustomResourceDefinition")).extracting(Rendered::name)
        .containsExactlyInAnyOrderElementsOf(Crds.NAMES);
    for (JsonNode crd : rendered.ofKind("CustomResourceDefinition")) {
      JsonNode file = Manifests.documents(Manifests.repositoryRoot().resolve("deploy/crds")
          .resolve(Crds.fileName(Rendered.name(crd)))).get(0);
      assertThat(JsonDiff.paths(file, crd)).as("CRD %s: differences from deploy/crds", Rendered.name(crd)).isEmpty();
    }
    assertThat(rendered.ofKind("Namespace")).extracting(Rendered::name).containsExactly("zkoam-system");
  }

  @ParameterizedTest
  @FieldSource("FOLDERS")
  void deploymentsRunRestrictedWithProbesAndResources(String folder) {
    Rendered rendered = Kustomize.render(folder);
    assertThat(rendered.ofKind("Deployment")).extracting(Rendered::name)
        .containsExactlyInAnyOrderElementsOf(controllers());
    for (JsonNode object : rendered.ofKind("Deployment")) {
      Deployment d = (Deployment) TypedModel.parse(object);
      String name = d.getMetadata().getName();
      assertThat(d.getMetadata().getNamespace()).as(name).isEqualTo("zkoam-system");
      assertThat(d.getSpec().getReplicas()).as(name + " replicas").isEqualTo(2);
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getContainers()).as(name + " containers").hasSize(1);
      Container c = pod.getContainers().get(0);
      PodSecurityContext podSecurity = pod.getSecurityContext();
      SecurityContext security = c.getSecurityContext();
      assertThat(podSecurity.getRunAsNonRoot()).as(name + " pod runAsNonRoot").isTrue();
      assertThat(security.getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
      assertThat(security.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
      assertThat(security.getCapabilities().getDrop()).as(name + " capabilities.drop").containsExactly("ALL");
      assertThat(security.getCapabilities().getAdd()).as(name + " capabilities.add").isNullOrEmpty();
      assertThat(security.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
      assertThat(podSecurity.getSeccompProfile().getType()).as(name + " pod seccomp").isEqualTo("RuntimeDefault");
      assertThat(security.getSeccompProfile().getType()).as(name + " seccomp").isEqualTo("RuntimeDefault");
      assertThat(security.getPrivileged()).as(name + " privileged").isNotEqualTo(Boolean.TRUE);
      assertThat(httpPath(c.getLivenessProbe())).as(name + " liveness").isEqualTo("/healthz");
      assertThat(httpPath(c.getStartupProbe())).as(name + " startup").isEqualTo("/healthz");
      assertThat(httpPath(c.getReadinessProbe())).as(name + " readiness").isEqualTo("/readyz");
      for (String kind : List.of("requests", "limits")) {
        var amounts = kind.equals("requests") ? c.getResources().getRequests() : c.getResources().getLimits();
        assertThat(amounts).as(name + " resources." + kind).containsKeys("cpu", "memory");
      }
      assertThat(pod.getServiceAccountName()).as(name + " serviceAccountName").isEqualTo(name);
      assertThat(rendered.find("ServiceAccount", name)).as(name + " ServiceAccount").isPresent();
      String bindingKind = folder.equals(Kustomize.NAMESPACED) ? "RoleBinding" : "ClusterRoleBinding";
      for (JsonNode binding : List.of(rendered.get(bindingKind, name),
          rendered.get("RoleBinding", name + "-leader-election"))) {
        assertThat(binding.path("subjects")).as(Rendered.key(binding) + " subjects").hasSize(1);
        JsonNode subject = binding.path("subjects").get(0);
        assertThat(subject.path("kind").asText() + " " + subject.path("namespace").asText() + "/"
            + subject.path("name").asText()).as(Rendered.key(binding) + " subject")
            .isEqualTo("ServiceAccount zkoam-system/" + pod.getServiceAccountName());
        assertThat(rendered.find(binding.at("/roleRef/kind").asText(), binding.at("/roleRef/name").asText()))
            .as(Rendered.key(binding) + " roleRef").isPresent();
      }
    }
  }

  @Test
  void openshiftLeavesUidsAndGidsToTheScc() {
    for (JsonNode object : Kustomize.render(Kustomize.OPENSHIFT).ofKind("Deployment")) {
      PodSpec pod = ((Deployment) TypedModel.parse(object)).getSpec().getTemplate().getSpec();
      PodSecurityContext podSecurity = pod.getSecurityContext();
      assertThat(List.of(String.valueOf(podSecurity.getRunAsUser()), String.valueOf(podSecurity.getRunAsGroup()),
          String.valueOf(podSecurity.getFsGroup()))).as(Rendered.name(object)).containsOnly("null");
      for (Container c : pod.getContainers()) {
        assertThat(c.getSecurityContext().getRunAsUser()).as(Rendered.name(object)).isNull();
        assertThat(c.getSecurityContext().getRunAsGroup()).as(Rendered.name(object)).isNull();
      }
    }
  }

  /** The overlay adds exactly `delete` on each trait's own kind (OwnerReferencesPermissionEnforcement) to the base. */
  @Test
  void openshiftAddsOnlyDeleteOnEachTraitsOwnKind() {
    Rendered base = Kustomize.render(Kustomize.DEFAULT);
    Rendered openshift = Kustomize.render(Kustomize.OPENSHIFT);
    for (Component c : Component.values()) {
      Set<RoleRules.Grant> extra = new TreeSet<>(RoleRules.grants(openshift.get("ClusterRole", c.controller())));
      extra.removeAll(RoleRules.grants(base.get("ClusterRole", c.controller())));
      assertThat(extra).as(c.controller()).containsExactlyElementsOf(c.ownTraitResource()
          .map(r -> List.of(new RoleRules.Grant("delete", "zkoam.io", r))).orElse(List.of()));
    }
  }

  @Test
  void namespacedOverlayHasNoClusterWideRbacAndWatchesItsNamespace() {
    Rendered rendered = Kustomize.render(Kustomize.NAMESPACED);
    String watched = Manifests.documents(Manifests.repositoryRoot()
        .resolve(Kustomize.NAMESPACED).resolve("watch-namespace.yaml")).get(0).at("/data/namespace").asText();
    assertThat(watched).isNotBlank();
    assertThat(rendered.ofKind("ClusterRole")).isEmpty();
    assertThat(rendered.ofKind("ClusterRoleBinding")).isEmpty();
    assertThat(rendered.find("ConfigMap", "zkoam-watch-namespace")).as("local-config object").isEmpty();
    for (String controller : controllers()) {
      assertThat(rendered.get("Role", controller).at("/metadata/namespace").asText()).isEqualTo(watched);
      assertThat(rendered.get("RoleBinding", controller).at("/metadata/namespace").asText()).isEqualTo(watched);
      assertThat(rendered.get("RoleBinding", controller).at("/roleRef/kind").asText()).isEqualTo("Role");
      assertThat(rendered.get("Role", controller + "-leader-election").at("/metadata/namespace").asText())
          .isEqualTo("zkoam-system");
      Deployment d = (Deployment) TypedModel.parse(rendered.get("Deployment", controller));
      assertThat(watchNamespaces(d)).as(controller).isEqualTo(watched);
    }
    for (JsonNode object : Kustomize.render(Kustomize.DEFAULT).ofKind("Deployment")) {
      assertThat(watchNamespaces((Deployment) TypedModel.parse(object))).as("all namespaces").isEmpty();
    }
  }

  @ParameterizedTest
  @FieldSource("FOLDERS")
  void noRuleUsesAWildcard(String folder) {
    Rendered rendered = Kustomize.render(folder);
    List<String> wildcards = new ArrayList<>();
    for (String kind : List.of("Role", "ClusterRole")) {
      rendered.ofKind(kind).forEach(role -> wildcards.addAll(RoleRules.wildcards(role)));
    }
    assertThat(rendered.ofKind("Role")).isNotEmpty();
    assertThat(wildcards).isEmpty();
  }

  static List<String> controllers() {
    return java.util.Arrays.stream(Component.values()).map(Component::controller).toList();
  }

  private static String httpPath(Probe probe) {
    return probe == null || probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
  }

  private static String watchNamespaces(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("ZKOAM_WATCH_NAMESPACES")).map(EnvVar::getValue).findFirst()
        .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " sets no ZKOAM_WATCH_NAMESPACES"));
  }
}
