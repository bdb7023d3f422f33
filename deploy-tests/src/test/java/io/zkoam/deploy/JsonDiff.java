package io.zkoam.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Where two JSON trees differ, as JSON pointers; numbers are compared by value (1 equals 1.0). */
final class JsonDiff {
  private JsonDiff() {}

  static List<String> paths(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    diff(expected, actual, "", out);
    return out;
  }

  private static void diff(JsonNode a, JsonNode b, String path, List<String> out) {
    if (a == null || b == null || a.isMissingNode() || b.isMissingNode()) {
      if (!(a == null || a.isMissingNode()) || !(b == null || b.isMissingNode())) {
        out.add((path.isEmpty() ? "/" : path) + ": " + a + " vs " + b);
      }
    } else if (a.isNumber() && b.isNumber()) {
      if (a.decimalValue().compareTo(b.decimalValue()) != 0) {
        out.add(path + ": " + a + " vs " + b);
      }
    } else if (a.isObject() && b.isObject()) {
      Set<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        diff(a.get(name), b.get(name), path + "/" + name.replace("~", "~0").replace("/", "~1"), out);
      }
    } else if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        diff(a.get(i), b.get(i), path + "/" + i, out);
      }
    } else if (!a.equals(b)) {
      out.add((path.isEmpty() ? "/" : path) + ": " + a + " vs " + b);
    }
  }
}
