package io.zkoam.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.zkoam.api.testing.RequiredTool;
import io.zkoam.monitoring.render.PromtoolTestFile.Rendered;
import io.zkoam.monitoring.render.PromtoolTestFile.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus' own {@code promtool}: {@code check rules} on a rendered rules file, {@code test rules} on a generated
 * unit-test file, each run with a timeout. Without promtool the tests that need it are skipped, unless {@code CI=true},
 * where they fail.
 */
record Promtool(Path path) {
  static final long PROMTOOL_TIMEOUT_SECONDS = 240;

  /** promtool, or a skip; on CI (CI=true) a missing promtool is a failure. */
  static Promtool require() {
    return new Promtool(RequiredTool.require("promtool",
        "install Debian's prometheus package (apt-get install prometheus), which ships /usr/bin/promtool"));
  }

  void checkRules(Rendered rendered) throws Exception {
    ProcessResult result = run(rendered.dir(), "check", "rules", rendered.rulesFile().toString());
    assertThat(result.exitCode()).as("promtool check rules %s failed:%n%s%nrules:%n%s", rendered.rulesFile(),
        result.output(), Files.readString(rendered.rulesFile())).isZero();
    Matcher m = Pattern.compile("SUCCESS: (\\d+) rules found").matcher(result.output());
    assertThat(m.find()).as("promtool check rules output:%n%s", result.output()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).as("rules promtool found")
        .isEqualTo(RuleModels.alertCount(rendered.profile().spec(), rendered.profile().quorum() ? 3 : 1))
        .isEqualTo(rendered.rules().size());
  }

  void testRules(Rendered rendered, List<Scenario> scenarios) throws Exception {
    ProcessResult result = runTests(rendered, "tests", scenarios);
    assertThat(result.exitCode()).as("promtool test rules (%s, %d scenarios) failed:%n%s",
        rendered.profile().name(), scenarios.size(), result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  ProcessResult runTests(Rendered rendered, String name, List<Scenario> scenarios) throws Exception {
    Path testFile = PromtoolTestFile.write(rendered, name, scenarios);
    return run(rendered.dir(), "test", "rules", testFile.getFileName().toString());
  }

  record ProcessResult(int exitCode, String output) {}

  ProcessResult run(Path workDir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(path.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "promtool-", ".out");
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    if (!process.waitFor(PROMTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      fail("%s did not finish within %d s; output so far:%n%s", command, PROMTOOL_TIMEOUT_SECONDS,
          Files.readString(out));
    }
    return new ProcessResult(process.exitValue(), Files.readString(out));
  }
}
