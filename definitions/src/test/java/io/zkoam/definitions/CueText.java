package io.zkoam.definitions;

/** Text helpers for reading CUE source without evaluating it. */
final class CueText {
  private CueText() {}

  /**
   * One line without its {@code //} comment and with each string literal replaced by {@code ""}, so that braces,
   * operators and words inside strings and regular expressions are not mistaken for code. A quoted label
   * {@code "error"} is kept as it is. (Multi-line strings are not used in our templates.)
   */
  static String code(String line) {
    StringBuilder out = new StringBuilder();
    StringBuilder literal = null;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (literal != null) {
        if (c == '\\' && i + 1 < line.length()) {
          literal.append(c).append(line.charAt(++i));
        } else if (c == '"') {
          out.append(literal.toString().equals("error") ? "\"error\"" : "\"\"");
          literal = null;
        } else {
          literal.append(c);
        }
      } else if (c == '"') {
        literal = new StringBuilder();
      } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
        break;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
