package io.zkoam.definitions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fields of a template's top-level {@code parameter} block, read from the text (not evaluated), each with
 * whether a {@code // +usage=} comment documents it (what {@code vela show}, VelaUX and the generated docs print).
 *
 * <p>Exempt from {@code +usage}, by decision: fields nested in {@code resources} (the Kubernetes requests/limits
 * shape) and in {@code thresholds} (one knob per default alert, named after it and documented in the API reference),
 * and fields of list element structs ({@code [...{...}]}, e.g. an extra alert rule's alert/expr), whose list field
 * itself carries the usage. {@code #Relabeling} is a definition outside the parameter block (Prometheus'
 * relabel_config shape), so it is not read at all. Every other field, at any depth, needs a non-empty usage.
 */
final class ParameterBlock {
  static final Set<String> EXEMPT_PARENTS = Set.of("resources", "thresholds");
  private static final Pattern FIELD = Pattern.compile("^\\s*([A-Za-z_$][A-Za-z0-9_$-]*|\"[^\"]*\")\\??\\s*:");
  private static final Pattern USAGE = Pattern.compile("^\\s*//\\s*\\+usage=\\S.*");

  /** One field: its dotted path, 1-based line, whether it has a usage comment and whether it needs one. */
  record Field(String path, int line, boolean documented, boolean exempt) {
    boolean topLevel() {
      return !path.contains(".");
    }

    @Override
    public String toString() {
      return "line " + line + ": " + path;
    }
  }

  private record Frame(String field, boolean listElement) {}

  private ParameterBlock() {}

  static List<Field> fields(String template) {
    String[] lines = template.split("\n", -1);
    int start = start(lines);
    List<Field> fields = new ArrayList<>();
    Deque<Frame> stack = new ArrayDeque<>();
    for (int i = start; i < lines.length; i++) {
      String code = CueText.code(lines[i]);
      String name = null;
      Matcher field = FIELD.matcher(code);
      if (i > start && field.find()) {
        name = field.group(1);
        fields.add(new Field(path(stack, name), i + 1, hasUsage(lines, i), exempt(stack)));
      }
      for (int c = 0; c < code.length(); c++) {
        if (code.charAt(c) == '{') {
          stack.push(new Frame(name, code.substring(0, c).contains("[")));
        } else if (code.charAt(c) == '}') {
          stack.pop();
        }
      }
      if (stack.isEmpty()) {
        return fields;
      }
    }
    throw new IllegalStateException("the parameter block is not closed");
  }

  /** Fields that need a usage comment and lack one. */
  static List<Field> undocumented(String template) {
    return fields(template).stream().filter(f -> !f.exempt() && !f.documented()).toList();
  }

  /** Names of the top-level parameters. */
  static Set<String> topLevelNames(String template) {
    return fields(template).stream().filter(Field::topLevel).map(Field::path)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static int start(String[] lines) {
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("parameter:") && CueText.code(lines[i]).contains("{")) {
        return i;
      }
    }
    throw new IllegalStateException("no top-level 'parameter: {' block in the template");
  }

  private static boolean exempt(Deque<Frame> stack) {
    return stack.stream().anyMatch(f -> f.listElement() || (f.field() != null && EXEMPT_PARENTS.contains(f.field())));
  }

  private static boolean hasUsage(String[] lines, int fieldLine) {
    for (int i = fieldLine - 1; i >= 0 && lines[i].strip().startsWith("//"); i--) {
      if (USAGE.matcher(lines[i]).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String path(Deque<Frame> stack, String name) {
    List<String> parts = new ArrayList<>();
    stack.descendingIterator().forEachRemaining(f -> {
      if (f.field() != null) {
        parts.add(f.field());
      }
    });
    parts.add(name);
    return String.join(".", parts);
  }
}
