package io.zkoam.definitions;

import java.nio.file.Path;

/**
 * One command for the CUE runner: {@code cue <command> <file> [-e <expr>]}.
 *
 * @param id unique within a batch; letters, digits, '.', '_' and '-' (also the case file's name)
 * @param file absolute path of the one CUE file of the case
 * @param expr the expression to export ({@code -e}), or null for the whole file
 * @param command {@code export} (JSON out) or {@code vet} (with {@code -c})
 */
public record CueJob(String id, Path file, String expr, String command) {
  public CueJob {
    if (!id.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("bad job id " + id);
    }
    if (!file.isAbsolute()) {
      throw new IllegalArgumentException("job file must be absolute: " + file);
    }
    if (!command.equals("export") && !command.equals("vet")) {
      throw new IllegalArgumentException("unsupported cue command " + command);
    }
  }

  public static CueJob export(String id, Path file, String expr) {
    return new CueJob(id, file, expr, "export");
  }

  public static CueJob vet(String id, Path file) {
    return new CueJob(id, file, null, "vet");
  }
}
