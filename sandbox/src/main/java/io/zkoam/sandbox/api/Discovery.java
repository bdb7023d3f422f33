package io.zkoam.sandbox.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The legacy discovery documents (/api, /apis, /api/v1, /apis/group/version) that kubectl and clients read to map
 * kinds and short names to URLs. The mock API does not serve them; the embedded API answers them from its catalog.
 */
final class Discovery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
      "update", "watch");

  private final ApiCatalog catalog;

  Discovery(ApiCatalog catalog) {
    this.catalog = catalog;
  }

  /** The document for a GET of {@code path}, or empty when the path is not a discovery path. */
  Optional<String> answer(String path) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.equals("/api")) {
      ObjectNode doc = JSON.createObjectNode().put("kind", "APIVersions");
      doc.putArray("versions").add("v1");
      return Optional.of(doc.toString());
    }
    if (p.equals("/apis")) {
      return Optional.of(groupList());
    }
    if (p.equals("/api/v1")) {
      return Optional.of(resourceList("v1"));
    }
    String[] parts = p.split("/");
    if (parts.length == 4 && parts[1].equals("apis")) {
      String groupVersion = parts[2] + "/" + parts[3];
      boolean known = catalog.all().stream().anyMatch(r -> r.groupVersion().equals(groupVersion));
      return known ? Optional.of(resourceList(groupVersion)) : Optional.empty();
    }
    if (parts.length == 3 && parts[1].equals("apis")) {
      return catalog.groups().contains(parts[2]) ? Optional.of(group(parts[2]).toString()) : Optional.empty();
    }
    return Optional.empty();
  }

  private String groupList() {
    ObjectNode doc = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    catalog.groups().forEach(g -> groups.add(group(g)));
    return doc.toString();
  }

  private ObjectNode group(String name) {
    ObjectNode group = JSON.createObjectNode().put("name", name);
    ArrayNode versions = group.putArray("versions");
    List<String> names = catalog.all().stream().filter(r -> r.group().equals(name)).map(ApiResource::version)
        .distinct().toList();
    names.forEach(v -> versions.addObject().put("groupVersion", name + "/" + v).put("version", v));
    group.putObject("preferredVersion").put("groupVersion", name + "/" + names.get(0)).put("version", names.get(0));
    return group;
  }

  private String resourceList(String groupVersion) {
    ObjectNode doc = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", groupVersion);
    ArrayNode list = doc.putArray("resources");
    for (ApiResource r : catalog.all()) {
      if (!r.groupVersion().equals(groupVersion)) {
        continue;
      }
      ObjectNode node = list.addObject().put("name", r.plural()).put("singularName", r.singular())
          .put("namespaced", r.namespaced()).put("kind", r.kind());
      VERBS.forEach(node.putArray("verbs")::add);
      if (!r.shortNames().isEmpty()) {
        r.shortNames().forEach(node.putArray("shortNames")::add);
      }
      if (!r.categories().isEmpty()) {
        r.categories().forEach(node.putArray("categories")::add);
      }
      for (String sub : r.subresources()) {
        ObjectNode s = list.addObject().put("name", r.plural() + "/" + sub).put("singularName", "")
            .put("namespaced", r.namespaced()).put("kind", sub.equals("scale") ? "Scale" : r.kind());
        if (sub.equals("scale")) {
          s.put("group", "autoscaling").put("version", "v1");
        }
        (sub.equals("binding") ? List.of("create") : List.of("get", "patch", "update")).forEach(
            s.putArray("verbs")::add);
      }
    }
    return doc.toString();
  }
}
