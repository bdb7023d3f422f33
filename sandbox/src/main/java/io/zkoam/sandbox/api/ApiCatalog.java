package io.zkoam.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resource types of the embedded API: the built-in kinds zkoam uses plus every CRD loaded into it. */
public final class ApiCatalog {
  private final List<ApiResource> resources = new ArrayList<>(List.of(
      ApiResource.core("pods", "Pod", true, "po"),
      ApiResource.core("services", "Service", true, "svc"),
      ApiResource.core("configmaps", "ConfigMap", true, "cm"),
      ApiResource.core("secrets", "Secret", true),
      ApiResource.core("events", "Event", true, "ev"),
      ApiResource.core("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc"),
      ApiResource.core("endpoints", "Endpoints", true, "ep"),
      ApiResource.core("serviceaccounts", "ServiceAccount", true, "sa"),
      ApiResource.core("namespaces", "Namespace", false, "ns"),
      ApiResource.core("nodes", "Node", false, "no"),
      ApiResource.of("apps", "v1", "statefulsets", "StatefulSet", true, "sts"),
      ApiResource.of("apps", "v1", "controllerrevisions", "ControllerRevision", true),
      ApiResource.of("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, "pdb"),
      ApiResource.of("coordination.k8s.io", "v1", "leases", "Lease", true),
      ApiResource.of("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
          "crd", "crds")));
  private final Map<String, JsonNode> printerColumns = new LinkedHashMap<>();

  /** Adds a CRD's resource and remembers its printer columns for table output. */
  public ApiResource addCrd(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode version = spec.path("versions").get(0);
    List<String> shortNames = new ArrayList<>();
    spec.path("names").path("shortNames").forEach(n -> shortNames.add(n.asText()));
    List<String> categories = new ArrayList<>();
    spec.path("names").path("categories").forEach(n -> categories.add(n.asText()));
    List<String> subresources = new ArrayList<>();
    version.path("subresources").fieldNames().forEachRemaining(subresources::add);
    ApiResource resource = new ApiResource(spec.path("group").asText(), version.path("name").asText(),
        spec.path("names").path("plural").asText(), spec.path("names").path("singular").asText(),
        spec.path("names").path("kind").asText(), "Namespaced".equals(spec.path("scope").asText()), shortNames,
        categories, subresources);
    resources.removeIf(r -> r.groupVersion().equals(resource.groupVersion()) && r.plural().equals(resource.plural()));
    resources.add(resource);
    printerColumns.put(resource.groupVersion() + "/" + resource.plural(), version.path("additionalPrinterColumns"));
    return resource;
  }

  public List<ApiResource> all() {
    return List.copyOf(resources);
  }

  public List<String> groups() {
    return resources.stream().map(ApiResource::group).filter(g -> !g.isEmpty()).distinct().toList();
  }

  public Optional<ApiResource> find(String groupVersion, String plural) {
    return resources.stream().filter(r -> r.groupVersion().equals(groupVersion) && r.plural().equals(plural))
        .findFirst();
  }

  /** A CRD's additionalPrinterColumns, or a missing node for built-in kinds. */
  public JsonNode printerColumns(ApiResource resource) {
    return printerColumns.getOrDefault(resource.groupVersion() + "/" + resource.plural(),
        com.fasterxml.jackson.databind.node.MissingNode.getInstance());
  }
}
