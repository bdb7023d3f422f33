package io.zkoam.sandbox.api;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The RBAC permission an API request needs, as the API server's request-info resolver derives it: a verb, an API
 * group ("" for the core group) and a resource, with "/subresource" appended for a subresource. Discovery requests
 * (/api, /apis, /apis/GROUP, /apis/GROUP/VERSION, /version, /openapi/..., /healthz ...) need none.
 */
public record RbacPermission(String verb, String apiGroup, String resource) implements Comparable<RbacPermission> {
  private static final Comparator<RbacPermission> ORDER = Comparator.comparing(RbacPermission::verb)
      .thenComparing(RbacPermission::apiGroup).thenComparing(RbacPermission::resource);

  /** The permission {@code method} on {@code pathAndQuery} needs; empty for a discovery or non-resource request. */
  public static Optional<RbacPermission> of(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    String[] parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    String group;
    int rest;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      rest = 2;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      rest = 3;
    } else {
      return Optional.empty();
    }
    String[] s = Arrays.copyOfRange(parts, rest, parts.length);
    if (s.length == 0) {
      return Optional.empty();
    }
    // /api/v1/namespaces/NS/RESOURCE[/NAME[/SUB]] or /api/v1/RESOURCE[/NAME[/SUB]] (namespaces themselves included)
    int at = s[0].equals("namespaces") && s.length >= 3 && !isNamespaceSubresource(s) ? 2 : 0;
    String resource = s[at];
    boolean named = s.length > at + 1;
    String full = s.length > at + 2 ? resource + "/" + s[at + 2] : resource;
    return verbOf(method, named, isWatch(query)).map(v -> new RbacPermission(v, group, full));
  }

  /** /api/v1/namespaces/NAME/status and .../finalize are subresources of the namespace, not a collection. */
  private static boolean isNamespaceSubresource(String[] s) {
    return s.length == 3 && (s[2].equals("status") || s[2].equals("finalize"));
  }

  private static boolean isWatch(String query) {
    return Arrays.stream(query.split("&")).anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
  }

  private static Optional<String> verbOf(String method, boolean named, boolean watch) {
    return Optional.ofNullable(switch (method.toUpperCase(java.util.Locale.ROOT)) {
      case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> null;
    });
  }

  /** {@code verb<TAB>apiGroup<TAB>resource}. */
  public String tsv() {
    return verb + "\t" + apiGroup + "\t" + resource;
  }

  /** The inverse of {@link #tsv()}. */
  public static RbacPermission parseTsv(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 3) {
      throw new IllegalArgumentException("not verb<TAB>apiGroup<TAB>resource: " + line);
    }
    return new RbacPermission(fields[0], fields[1], fields[2]);
  }

  @Override
  public int compareTo(RbacPermission other) {
    return ORDER.compare(this, other);
  }
}
