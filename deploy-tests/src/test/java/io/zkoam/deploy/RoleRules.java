package io.zkoam.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The rules of a Role or ClusterRole, one (apiGroup, resource, verb) triple per grant. */
final class RoleRules {
  /** One verb on one resource of one API group; {@code resource} may name a subresource ("pods/log"). */
  record Grant(String verb, String apiGroup, String resource) implements Comparable<Grant> {
    @Override
    public int compareTo(Grant o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return verb + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource;
    }
  }

  private RoleRules() {}

  static Set<Grant> grants(JsonNode role) {
    Set<Grant> grants = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            grants.add(new Grant(verb.asText(), group.asText(), resource.asText()));
          }
        }
      }
    }
    return grants;
  }

  /** Every "*" in a rule's apiGroups, resources, verbs, resourceNames or nonResourceURLs, as "role: field=value". */
  static List<String> wildcards(JsonNode role) {
    List<String> found = new ArrayList<>();
    for (JsonNode rule : role.path("rules")) {
      for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
        for (JsonNode value : rule.path(field)) {
          if (value.asText().contains("*")) {
            found.add(Rendered.key(role) + ": " + field + "=" + value.asText());
          }
        }
      }
    }
    return found;
  }
}
