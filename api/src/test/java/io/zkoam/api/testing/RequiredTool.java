package io.zkoam.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * An external program a test needs (promtool, prometheus, node). Missing on a developer's machine, the test is
 * skipped; missing in CI ({@code CI=true}), it fails, because {@code .ci/run} installs it and a skipped test there
 * would hide a broken install.
 */
public final class RequiredTool {
  private RequiredTool() {}

  /** The program's path, or the test is skipped (locally) or failed (in CI) with {@code installHint}. */
  public static Path require(String program, String installHint) {
    Optional<Path> found = find(program);
    if (found.isEmpty()) {
      String message = program + " is not on the PATH; " + installHint;
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message + " (CI=true: tests that need it must run, not skip)");
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  public static Optional<Path> find(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin"))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
