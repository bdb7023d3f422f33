package io.zkoam.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** How Helm prints values: Go's default formatting, sprig's quote and nindent, Helm's toYaml (sorted keys). */
final class GoValues {
  /** A string YAML reads back as the same string without quotes (conservatively: no number, bool or null look). */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./-]*");
  private static final Pattern YAML_WORDS = Pattern.compile(
      "(?i)true|false|yes|no|on|off|y|n|null|~|nan|inf");

  private GoValues() {}

  /**
   * {@code {{ value }}}: strings and booleans as they are; whole numbers below 10^6 as digits (Helm reads values as
   * float64, which Go prints in exponent form from 10^6 on, and with a fraction otherwise). Empty for anything else
   * (maps, lists, null), which Go would print as map[...], [...] or &lt;no value&gt;.
   */
  static Optional<String> print(Object value) {
    if (value instanceof String || value instanceof Boolean) {
      return Optional.of(value.toString());
    }
    if (value instanceof Integer || value instanceof Long) {
      long n = ((Number) value).longValue();
      return Math.abs(n) < 1_000_000 ? Optional.of(Long.toString(n)) : Optional.empty();
    }
    return Optional.empty();
  }

  /** sprig's quote: Go's %q of the string. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** sprig's nindent: a newline, then every line of {@code s} indented by {@code n} spaces. */
  static String nindent(int n, String s) {
    String pad = " ".repeat(n);
    return "\n" + pad + s.replace("\n", "\n" + pad);
  }

  /**
   * Helm's toYaml: block YAML with map keys sorted, list items at their key's indentation, no trailing newline.
   * Quoting is conservative (any string that is not plainly a string is double-quoted), which reads back the same.
   */
  static String toYaml(Object value) {
    StringBuilder out = new StringBuilder();
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      block(value, 0, out);
    } else {
      out.append(scalar(value)).append('\n');
    }
    return out.toString().replaceFirst("\n$", "");
  }

  private static void block(Object value, int indent, StringBuilder out) {
    String pad = " ".repeat(indent);
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append(pad).append("{}\n");
        return;
      }
      for (Map.Entry<String, Object> e : sorted(map).entrySet()) {
        out.append(pad).append(scalar(e.getKey()));
        Object v = e.getValue();
        if (isNonEmptyCollection(v)) {
          out.append(":\n");
          block(v, v instanceof Map<?, ?> ? indent + 2 : indent, out);
        } else {
          out.append(": ").append(inline(v)).append('\n');
        }
      }
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append(pad).append("[]\n");
        return;
      }
      for (Object item : list) {
        if (isNonEmptyCollection(item)) {
          StringBuilder nested = new StringBuilder();
          block(item, indent + 2, nested);
          out.append(pad).append("- ").append(nested.substring(indent + 2));
        } else {
          out.append(pad).append("- ").append(inline(item)).append('\n');
        }
      }
    }
  }

  private static Map<String, Object> sorted(Map<?, ?> map) {
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    return sorted;
  }

  private static boolean isNonEmptyCollection(Object v) {
    return v instanceof Map<?, ?> m && !m.isEmpty() || v instanceof List<?> l && !l.isEmpty();
  }

  private static String inline(Object v) {
    if (v instanceof Map<?, ?>) {
      return "{}";
    }
    if (v instanceof List<?>) {
      return "[]";
    }
    return scalar(v);
  }

  private static String scalar(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      return v.toString();
    }
    if (v instanceof Number n) {
      return Double.toString(n.doubleValue());
    }
    String s = v.toString();
    return PLAIN.matcher(s).matches() && !YAML_WORDS.matcher(s).matches() ? s : quote(s);
  }
}
