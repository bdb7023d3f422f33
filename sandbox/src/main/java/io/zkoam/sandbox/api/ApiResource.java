package io.zkoam.sandbox.api;

import java.util.List;

/**
 * One resource type the embedded API serves, as discovery describes it: what kubectl needs to map {@code zk} or
 * {@code pods} to a URL, and what the CRUD store needs to know about custom resources.
 */
public record ApiResource(String group, String version, String plural, String singular, String kind,
    boolean namespaced, List<String> shortNames, List<String> categories, List<String> subresources) {

  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** URL prefix of the group version: /api/v1 or /apis/group/version. */
  public String basePath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  static ApiResource core(String plural, String kind, boolean namespaced, String... shortNames) {
    return new ApiResource("", "v1", plural, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced,
        List.of(shortNames), List.of(), plural.equals("pods") ? List.of("status", "binding") : List.of("status"));
  }

  static ApiResource of(String group, String version, String plural, String kind, boolean namespaced,
      String... shortNames) {
    return new ApiResource(group, version, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced,
        List.of(shortNames), List.of(), plural.equals("statefulsets") ? List.of("status", "scale") : List.of("status"));
  }
}
