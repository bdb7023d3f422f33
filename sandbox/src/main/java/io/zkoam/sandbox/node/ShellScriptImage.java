package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code sh -c "step && step && exec last"} as zkoam renders it: each step is run by the image that knows it, in
 * order, the last one as the container's process. Copying the agent jar is skipped: the sandbox runs the agent from
 * its own classpath. A failing step ends the container with that step's exit code, as the shell would.
 */
final class ShellScriptImage implements ContainerImage {
  private static final Duration STEP_LIMIT = Duration.ofSeconds(60);
  private final List<ContainerImage> images;

  ShellScriptImage(List<ContainerImage> images) {
    this.images = images;
  }

  @Override
  public boolean handles(Container container) {
    List<String> command = container.getCommand();
    return command != null && command.size() == 3 && command.get(0).equals("sh") && command.get(1).equals("-c");
  }

  @Override
  public RunningContainer start(ContainerLaunch launch) {
    List<List<String>> steps = new ArrayList<>();
    for (String part : launch.container().getCommand().get(2).split("&&")) {
      List<String> words = new ArrayList<>(Arrays.asList(part.trim().split("\\s+")));
      if (words.get(0).equals("exec")) {
        words.remove(0);
      }
      if (!words.get(0).equals("cp")) {
        steps.add(words);
      }
    }
    for (int i = 0; i < steps.size() - 1; i++) {
      RunningContainer step = run(steps.get(i), launch);
      Instant deadline = Instant.now().plus(STEP_LIMIT);
      while (step.isAlive() && Instant.now().isBefore(deadline)) {
        pause();
      }
      if (step.isAlive()) {
        step.kill();
      }
      int code = step.exitCode().orElse(-1);
      if (code != 0) {
        return ended(code);
      }
    }
    return run(steps.get(steps.size() - 1), launch);
  }

  private RunningContainer run(List<String> command, ContainerLaunch launch) {
    Container step = new ContainerBuilder(launch.container()).withCommand(command).withArgs(List.of()).build();
    ContainerImage image = images.stream().filter(i -> i.handles(step)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the sandbox cannot run the step '" + String.join(" ", command)
            + "' of " + launch.name()));
    return image.start(new ContainerLaunch(launch.pod(), step, launch.podIp(), launch.env(), launch.mounts(),
        launch.logFile(), launch.hostsFile(), launch.workDir()));
  }

  /** A container whose script failed before its last step. */
  private static RunningContainer ended(int code) {
    return new RunningContainer() {
      @Override
      public boolean isAlive() {
        return false;
      }

      @Override
      public Optional<Integer> exitCode() {
        return Optional.of(code);
      }

      @Override
      public void stop(Duration grace) {
      }

      @Override
      public void kill() {
      }
    };
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
