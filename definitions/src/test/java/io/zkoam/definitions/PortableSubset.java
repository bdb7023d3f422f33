package io.zkoam.definitions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A text check for the CUE constructs that do not evaluate alike in every CUE that KubeVela has shipped (v0.4 in
 * our test engine, v0.5 to v0.9 in KubeVela 1.8 to 1.10, v0.14 in 1.11): see the team's KubeVela notes, §8.
 * Strings and comments are blanked out first, so a regular expression or a message never trips it. It sees list
 * arithmetic only where a list literal is an operand ({@code [..] + x}, {@code x * [..]}); two list-valued
 * references added together cannot be told from numbers without evaluating.
 */
final class PortableSubset {
  private static final Map<String, Pattern> FORBIDDEN = Map.of(
      "required-field marker 'field!:' (a syntax error in CUE v0.4)",
      Pattern.compile("[A-Za-z0-9_\"]!\\s*:"),
      "a field named 'error' (conflicts in CUE v0.14)",
      Pattern.compile("(^|[\\s{,(])(error|\"error\")\\??\\s*:"),
      "builtins newer than CUE v0.4 (matchN, matchIf)",
      Pattern.compile("\\bmatch(N|If)\\s*\\("));
  private static final String LIST_ARITHMETIC = "list arithmetic (list + list, list * n): use list.Concat";

  private PortableSubset() {}

  /** "line N: what: text" for each unportable construct; empty when none. */
  static List<String> violations(String cue) {
    String[] lines = cue.split("\n", -1);
    String[] code = new String[lines.length];
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      code[i] = CueText.code(lines[i]);
      for (Map.Entry<String, Pattern> rule : FORBIDDEN.entrySet()) {
        if (rule.getValue().matcher(code[i]).find()) {
          found.add(finding(i, rule.getKey(), lines));
        }
      }
    }
    for (int line : new TreeSet<>(listArithmetic(String.join("\n", code)))) {
      found.add(finding(line, LIST_ARITHMETIC, lines));
    }
    return found;
  }

  private static String finding(int line, String what, String[] lines) {
    return "line " + (line + 1) + ": " + what + ": " + lines[line].strip();
  }

  /**
   * 0-based lines where a list literal is an operand of {@code +} or {@code *}. A '[' right after an operand
   * (name, ')', ']', string) opens an index or selector, not a list; a '*' right after ':', '|', '(', ',' or '['
   * marks a default, not a product.
   */
  private static List<Integer> listArithmetic(String code) {
    List<Integer> lines = new ArrayList<>();
    Deque<Boolean> open = new ArrayDeque<>(); // per '[': is it a list literal?
    int line = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '[') {
        int before = previous(code, i);
        boolean literal = before < 0 || !isOperandEnd(code.charAt(before));
        open.push(literal);
        if (literal && before >= 0 && isBinaryOperator(code, before)) {
          lines.add(line);
        }
      } else if (c == ']' && !open.isEmpty()) {
        boolean literal = open.pop();
        int after = next(code, i);
        if (literal && after >= 0 && (code.charAt(after) == '+' || code.charAt(after) == '*')) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  private static boolean isBinaryOperator(String code, int at) {
    char op = code.charAt(at);
    if (op != '+' && op != '*') {
      return false;
    }
    int before = previous(code, at);
    return before >= 0 && isOperandEnd(code.charAt(before));
  }

  private static boolean isOperandEnd(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ')' || c == ']' || c == '"' || c == '}';
  }

  private static int previous(String code, int from) {
    for (int i = from - 1; i >= 0; i--) {
      if (!Character.isWhitespace(code.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int next(String code, int from) {
    for (int i = from + 1; i < code.length(); i++) {
      if (!Character.isWhitespace(code.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
