package io.zkoam.monitoring.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a Grafana dashboard queries, so they can be checked against a scrape of a real server.
 *
 * <p>PromQL is read loosely, with a small lexer rather than a parser: an identifier is a metric name unless it is a
 * PromQL keyword or aggregation, a function (followed by {@code (}), or a label name (inside {@code {...}} or a
 * {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/{@code group_right} list). String literals,
 * range and subquery brackets, numbers and durations, comments and Grafana variables ({@code $x}, {@code ${x}},
 * {@code [[x]]}) are skipped. {@code {__name__="x"}} and Prometheus 3's {@code {"x"}} count as the name {@code x};
 * a {@code __name__} regex names no single metric and is not reported.
 */
public final class DashboardQueries {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keywords and aggregation operators (case-insensitive in PromQL) that may appear without a following "(". */
  private static final Set<String> KEYWORDS = Set.of(
      "and", "or", "unless", "atan2", "offset", "bool", "inf", "nan",
      "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
      "quantile", "limitk", "limit_ratio");
  /** Keywords followed by a parenthesized list of label names. */
  private static final Set<String> LABEL_LISTS = Set.of(
      "by", "without", "on", "ignoring", "group_left", "group_right");
  /** Grafana's Prometheus variable functions: label_values, query_result, metrics, label_names. */
  private static final Pattern VARIABLE_FUNCTION = Pattern.compile(
      "^(label_values|query_result|metrics|label_names)\\s*\\((.*)\\)$", Pattern.DOTALL);

  private DashboardQueries() {}

  /**
   * Every metric name referenced by a panel target's {@code expr} (rows' nested panels included), a query variable's
   * {@code query} and an annotation's {@code expr}, sorted.
   */
  public static Set<String> metricNames(String dashboardJson) {
    JsonNode dashboard;
    try {
      dashboard = JSON.readTree(dashboardJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a dashboard JSON: " + e.getOriginalMessage(), e);
    }
    Set<String> names = new TreeSet<>();
    panels(dashboard.path("panels"), names);
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        JsonNode query = variable.path("query");
        String text = query.isObject() ? query.path("query").asText("") : query.asText("");
        names.addAll(variableQueryMetricNames(text));
      }
    }
    for (JsonNode annotation : dashboard.path("annotations").path("list")) {
      names.addAll(exprMetricNames(annotation.path("expr").asText("")));
    }
    return Collections.unmodifiableSet(names);
  }

  private static void panels(JsonNode panels, Set<String> names) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        names.addAll(exprMetricNames(target.path("expr").asText("")));
      }
      panels(panel.path("panels"), names);
    }
  }

  /**
   * The metric names in a Grafana Prometheus variable query: {@code label_values(selector, label)} names the
   * selector's metrics, {@code label_values(label)}, {@code label_names()} and {@code metrics(regex)} name none,
   * {@code query_result(expr)} and a plain selector are read as PromQL.
   */
  public static Set<String> variableQueryMetricNames(String query) {
    String trimmed = query.trim();
    Matcher function = VARIABLE_FUNCTION.matcher(trimmed);
    if (!function.matches()) {
      return exprMetricNames(trimmed);
    }
    String arguments = function.group(2);
    switch (function.group(1)) {
      case "label_values": {
        List<String> parts = splitTopLevel(arguments);
        return parts.size() < 2
            ? Set.of()
            : exprMetricNames(String.join(",", parts.subList(0, parts.size() - 1)));
      }
      case "query_result":
        return exprMetricNames(arguments);
      default:
        return Set.of();
    }
  }

  /** The metric names in one PromQL expression, possibly holding Grafana variables, sorted. */
  public static Set<String> exprMetricNames(String promql) {
    Set<String> names = new TreeSet<>();
    String q = promql;
    int n = q.length();
    int i = 0;
    while (i < n) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < n && q.charAt(i) != '\n') {
          i++;
        }
      } else if (isQuote(c)) {
        i = stringEnd(q, i);
      } else if (c == '$') {
        i = variableEnd(q, i);
      } else if (c == '{') {
        i = matchers(q, i, names);
      } else if (c == '[') {
        i = groupEnd(q, i, '[', ']');
      } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(q.charAt(i + 1)))) {
        // numbers (1e6, 0x1f, 0.85) and durations (5m, 1h30m) outside brackets, e.g. after offset
        while (i < n && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '.' || q.charAt(i) == '_')) {
          i++;
        }
      } else if (isIdentifierStart(c)) {
        int end = identifierEnd(q, i);
        String identifier = q.substring(i, end);
        String keyword = identifier.toLowerCase(Locale.ROOT);
        int next = skipWhitespace(q, end);
        boolean call = next < n && q.charAt(next) == '(';
        if (LABEL_LISTS.contains(keyword)) {
          i = call ? groupEnd(q, next, '(', ')') : end;
        } else {
          if (!call && !KEYWORDS.contains(keyword)) {
            names.add(identifier);
          }
          i = end;
        }
      } else {
        i++;
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /** Reads {@code {label op "value", ...}} from the "{" at start; returns the index after the closing "}". */
  private static int matchers(String q, int start, Set<String> names) {
    int n = q.length();
    int i = start + 1;
    while (i < n && q.charAt(i) != '}') {
      char c = q.charAt(i);
      String label;
      boolean quoted = isQuote(c);
      if (quoted) {
        int end = stringEnd(q, i);
        label = unquote(q, i, end);
        i = end;
      } else if (isIdentifierStart(c)) {
        int end = identifierEnd(q, i);
        label = q.substring(i, end);
        i = end;
      } else if (c == '$') {
        i = variableEnd(q, i);
        continue;
      } else {
        i++;
        continue;
      }
      int j = skipWhitespace(q, i);
      String op = operator(q, j);
      if (op == null) {
        if (quoted) {
          names.add(label); // Prometheus 3: {"metric.name", label="value"}
        }
        continue;
      }
      j = skipWhitespace(q, j + op.length());
      if (j < n && isQuote(q.charAt(j))) {
        int end = stringEnd(q, j);
        String value = unquote(q, j, end);
        if (label.equals("__name__") && op.equals("=") && !value.isEmpty() && !value.contains("$")) {
          names.add(value);
        }
        i = end;
      } else {
        i = j;
      }
    }
    return Math.min(n, i + 1);
  }

  private static String operator(String q, int i) {
    for (String op : List.of("=~", "!~", "!=", "=")) {
      if (q.startsWith(op, i)) {
        return op;
      }
    }
    return null;
  }

  /** Skips $name, ${name...}; returns the index after the variable. */
  private static int variableEnd(String q, int start) {
    int i = start + 1;
    if (i < q.length() && q.charAt(i) == '{') {
      return groupEnd(q, i, '{', '}');
    }
    while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_')) {
      i++;
    }
    return i;
  }

  /** From an opening bracket, the index after its matching closing one (strings inside are skipped). */
  private static int groupEnd(String q, int start, char open, char close) {
    int depth = 0;
    int i = start;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (isQuote(c)) {
        i = stringEnd(q, i);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return i;
  }

  /** Splits on commas outside brackets and strings. */
  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (isQuote(c)) {
        i = stringEnd(s, i);
        continue;
      }
      if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(from, i));
        from = i + 1;
      }
      i++;
    }
    parts.add(s.substring(from));
    return parts;
  }

  /** From an opening quote, the index after the closing one; backslash escapes apply except in `raw` strings. */
  private static int stringEnd(String q, int start) {
    char quote = q.charAt(start);
    int i = start + 1;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return q.length();
  }

  private static String unquote(String q, int start, int end) {
    char quote = q.charAt(start);
    StringBuilder out = new StringBuilder();
    int last = Math.max(start + 1, end - 1);
    for (int i = start + 1; i < last; i++) {
      char c = q.charAt(i);
      if (c == '\\' && quote != '`' && i + 1 < last) {
        c = q.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  private static int identifierEnd(String q, int start) {
    int i = start;
    while (i < q.length() && (isIdentifierStart(q.charAt(i)) || isDigit(q.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static int skipWhitespace(String q, int start) {
    int i = start;
    while (i < q.length() && Character.isWhitespace(q.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }
}
