package io.zkoam.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A renderer for exactly the Go-template subset deploy/helm/zkoam uses, with Helm's semantics for it: text; actions
 * with optional whitespace trimming ({@code {{- ... -}}}); {@code if PIPELINE} / {@code else} / {@code end} with Go's
 * truthiness; pipelines of {@code .Values.a.b} or {@code .Release.Namespace} into {@code quote}, {@code toYaml} and
 * {@code nindent N}. Anything else (another function, a variable, {@code range}, {@code with}, {@code include}, a
 * literal, a comment, {@code else if}), a value missing from values.yaml, or printing a map, a list, null or a number
 * Go would print in exponent form fails, so the chart cannot outgrow what this test checks.
 */
final class HelmTemplate {
  private static final Pattern VALUE = Pattern.compile("\\.Values(\\.[A-Za-z_][A-Za-z0-9_]*)+|\\.Release\\.Namespace");
  private static final Pattern NINDENT = Pattern.compile("nindent ([0-9]+)");

  private sealed interface Node permits Text, Output, If {}

  private record Text(String text) implements Node {}

  private record Output(Pipeline pipeline) implements Node {}

  private record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

  private record Pipeline(String source, int line, String value, List<String> functions) {}

  private record Action(String body, int line) {}

  private final String name;
  private final List<Node> nodes;

  private HelmTemplate(String name, List<Node> nodes) {
    this.name = name;
    this.nodes = nodes;
  }

  /** Parses a template; fails on any construct outside the supported subset. */
  static HelmTemplate parse(String name, String text) {
    List<Object> tokens = tokenize(name, text);
    int[] at = {0};
    List<Node> nodes = parseNodes(name, tokens, at, false);
    return new HelmTemplate(name, nodes);
  }

  /** Renders with {@code context}: a map with "Values" (the merged values) and "Release" (with "Namespace"). */
  String render(Map<String, Object> context) {
    StringBuilder out = new StringBuilder();
    render(nodes, context, out);
    return out.toString();
  }

  // --- lexing: text and actions, with {{- and -}} trimming the adjacent text's white space as Go does.

  private static List<Object> tokenize(String name, String text) {
    List<Object> tokens = new ArrayList<>();
    int i = 0;
    boolean trimNext = false;
    while (true) {
      int open = text.indexOf("{{", i);
      String chunk = open < 0 ? text.substring(i) : text.substring(i, open);
      if (trimNext) {
        chunk = chunk.replaceFirst("^[ \\t\\r\\n]+", "");
      }
      if (open < 0) {
        tokens.add(chunk);
        return tokens;
      }
      int close = text.indexOf("}}", open + 2);
      int line = lineOf(text, open);
      if (close < 0) {
        throw unsupported(name, line, text.substring(open), "unclosed action");
      }
      String body = text.substring(open + 2, close);
      if (body.startsWith("- ")) {
        chunk = chunk.replaceFirst("[ \\t\\r\\n]+$", "");
        body = body.substring(1);
      }
      trimNext = body.endsWith(" -");
      if (trimNext) {
        body = body.substring(0, body.length() - 1);
      }
      tokens.add(chunk);
      tokens.add(new Action(body.strip(), line));
      i = close + 2;
    }
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  // --- parsing: if/else/end blocks and output pipelines.

  private static List<Node> parseNodes(String name, List<Object> tokens, int[] at, boolean inBlock) {
    List<Node> nodes = new ArrayList<>();
    while (at[0] < tokens.size()) {
      Object token = tokens.get(at[0]);
      if (token instanceof String text) {
        at[0]++;
        if (!text.isEmpty()) {
          nodes.add(new Text(text));
        }
        continue;
      }
      Action action = (Action) token;
      String body = action.body();
      if (body.equals("end") || body.equals("else")) {
        if (!inBlock) {
          throw unsupported(name, action.line(), body, "without an if");
        }
        return nodes;
      }
      at[0]++;
      if (body.startsWith("if ")) {
        Pipeline condition = pipeline(name, action.line(), body.substring(3).strip());
        List<Node> then = parseNodes(name, tokens, at, true);
        List<Node> otherwise = List.of();
        if (closing(name, tokens, at, action).equals("else")) {
          at[0]++;
          otherwise = parseNodes(name, tokens, at, true);
          if (!closing(name, tokens, at, action).equals("end")) {
            throw unsupported(name, action.line(), body, "a second else");
          }
        }
        at[0]++;
        nodes.add(new If(condition, then, otherwise));
      } else {
        nodes.add(new Output(pipeline(name, action.line(), body)));
      }
    }
    if (inBlock) {
      throw new IllegalArgumentException(name + ": an if is not closed by end");
    }
    return nodes;
  }

  private static String closing(String name, List<Object> tokens, int[] at, Action opened) {
    if (at[0] >= tokens.size()) {
      throw unsupported(name, opened.line(), opened.body(), "not closed by end");
    }
    return ((Action) tokens.get(at[0])).body();
  }

  private static Pipeline pipeline(String name, int line, String source) {
    String[] stages = source.split("\\|", -1);
    String value = stages[0].strip();
    if (!VALUE.matcher(value).matches()) {
      throw unsupported(name, line, source, "only .Values.<path> and .Release.Namespace are supported");
    }
    List<String> functions = new ArrayList<>();
    for (int i = 1; i < stages.length; i++) {
      String function = stages[i].strip().replaceAll("\\s+", " ");
      if (!function.equals("quote") && !function.equals("toYaml") && !NINDENT.matcher(function).matches()) {
        throw unsupported(name, line, source, "only quote, toYaml and nindent N are supported");
      }
      functions.add(function);
    }
    return new Pipeline(source, line, value, List.copyOf(functions));
  }

  private static IllegalArgumentException unsupported(String name, int line, String source, String why) {
    return new IllegalArgumentException(name + ":" + line + ": unsupported template construct {{ " + source + " }}: "
        + why);
  }

  // --- evaluation.

  private void render(List<Node> nodes, Map<String, Object> context, StringBuilder out) {
    for (Node node : nodes) {
      if (node instanceof Text text) {
        out.append(text.text());
      } else if (node instanceof Output output) {
        out.append(print(output.pipeline(), evaluate(output.pipeline(), context)));
      } else if (node instanceof If block) {
        render(truthy(evaluate(block.condition(), context)) ? block.then() : block.otherwise(), context, out);
      }
    }
  }

  private Object evaluate(Pipeline pipeline, Map<String, Object> context) {
    Object value = lookup(pipeline, context);
    for (String function : pipeline.functions()) {
      if (function.equals("quote")) {
        value = GoValues.quote(print(pipeline, value));
      } else if (function.equals("toYaml")) {
        value = GoValues.toYaml(value);
      } else {
        Matcher m = NINDENT.matcher(function);
        if (!m.matches() || !(value instanceof String s)) {
          throw new IllegalArgumentException(where(pipeline) + ": nindent takes a string");
        }
        value = GoValues.nindent(Integer.parseInt(m.group(1)), s);
      }
    }
    return value;
  }

  private Object lookup(Pipeline pipeline, Map<String, Object> context) {
    Object value = context;
    for (String key : pipeline.value().substring(1).split("\\.")) {
      if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
        throw new IllegalArgumentException(where(pipeline) + ": " + pipeline.value() + " is not defined");
      }
      value = map.get(key);
    }
    return value;
  }

  /** Go's default printing, limited to what prints the same in Go and here. */
  private String print(Pipeline pipeline, Object value) {
    return GoValues.print(value).orElseThrow(() -> new IllegalArgumentException(where(pipeline)
        + ": cannot print " + value + " (" + (value == null ? "null" : value.getClass().getSimpleName())
        + ") without toYaml"));
  }

  private static boolean truthy(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (value instanceof List<?> l) {
      return !l.isEmpty();
    }
    throw new IllegalArgumentException("no truth value for " + value.getClass());
  }

  private String where(Pipeline pipeline) {
    return name + ":" + pipeline.line() + ": {{ " + pipeline.source() + " }}";
  }
}
