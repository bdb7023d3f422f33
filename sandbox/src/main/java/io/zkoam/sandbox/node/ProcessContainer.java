package io.zkoam.sandbox.node;

import io.zkoam.zkprocess.LiveProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A container that is one OS process, with its output appended to the container's log file. */
final class ProcessContainer implements RunningContainer {
  private final Process process;

  private ProcessContainer(Process process) {
    this.process = process;
  }

  static ProcessContainer start(List<String> command, Map<String, String> env, ContainerLaunch launch) {
    try {
      Files.createDirectories(launch.logFile().getParent());
      Files.createDirectories(launch.workDir());
      ProcessBuilder builder = new ProcessBuilder(command).directory(launch.workDir().toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
      builder.environment().clear();
      builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      builder.environment().putAll(env);
      Process process = builder.start();
      LiveProcesses.register(process);
      return new ProcessContainer(process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + launch.name(), e);
    }
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  @Override
  public void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  @Override
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
