package io.zkoam.sandbox;

import io.zkoam.rollout.RolloutHooks;
import io.zkoam.scaler.ScalerHooks;
import io.zkoam.workload.ReconcileTiming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a sandbox runs.
 *
 * @param apiPort port of the embedded API on 127.0.0.1 (0 = any free port)
 * @param workDir where volumes, logs and the hosts file live
 * @param statefulSetController whether the simulated StatefulSet controller runs (off for an API server whose own
 *     controller-manager runs)
 * @param timing how often the workload controller polls agents
 * @param externalKubeconfig an API server to use instead of the embedded one (its objects are left alone; the
 *     simulated node registers itself and runs the pods bound to it)
 * @param scalerHooks gives each start of the scaler controller its crash points (tests); {@link ScalerHooks#NONE}
 * @param rolloutHooks the same for the rollout controller
 */
public record SandboxOptions(int apiPort, Path workDir, boolean deleteWorkDirOnClose, boolean statefulSetController,
    Optional<Path> kubeconfigOut, ReconcileTiming timing, Optional<Path> externalKubeconfig,
    Supplier<ScalerHooks> scalerHooks, Supplier<RolloutHooks> rolloutHooks) {

  public SandboxOptions(int apiPort, Path workDir, boolean deleteWorkDirOnClose, boolean statefulSetController,
      Optional<Path> kubeconfigOut, ReconcileTiming timing, Optional<Path> externalKubeconfig) {
    this(apiPort, workDir, deleteWorkDirOnClose, statefulSetController, kubeconfigOut, timing, externalKubeconfig,
        () -> ScalerHooks.NONE, () -> RolloutHooks.NONE);
  }

  /**
   * Defaults for tests: any port, a fresh temporary work directory removed on close (kept with
   * {@code -Dzkoam.sandbox.keep=true}, for reading logs after a failure), fast polling.
   */
  public static SandboxOptions forTests() {
    return new SandboxOptions(0, tempDir(), !Boolean.getBoolean("zkoam.sandbox.keep"), true, Optional.empty(),
        new ReconcileTiming(Duration.ofMillis(500), Duration.ofSeconds(2)), Optional.empty());
  }

  public SandboxOptions withKubeconfigOut(Path file) {
    return new SandboxOptions(apiPort, workDir, deleteWorkDirOnClose, statefulSetController, Optional.of(file), timing,
        externalKubeconfig, scalerHooks, rolloutHooks);
  }

  /** The same options against an external API server. */
  public SandboxOptions withExternalApi(Path kubeconfig) {
    return new SandboxOptions(apiPort, workDir, deleteWorkDirOnClose, statefulSetController, kubeconfigOut, timing,
        Optional.of(kubeconfig), scalerHooks, rolloutHooks);
  }

  /** The same options with crash points in the scaler (a fresh set for every start of the controller). */
  public SandboxOptions withScalerHooks(Supplier<ScalerHooks> hooks) {
    return new SandboxOptions(apiPort, workDir, deleteWorkDirOnClose, statefulSetController, kubeconfigOut, timing,
        externalKubeconfig, hooks, rolloutHooks);
  }

  /** The same options with crash points in the rollout controller (a fresh set for every start). */
  public SandboxOptions withRolloutHooks(Supplier<RolloutHooks> hooks) {
    return new SandboxOptions(apiPort, workDir, deleteWorkDirOnClose, statefulSetController, kubeconfigOut, timing,
        externalKubeconfig, scalerHooks, hooks);
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("zkoam-sandbox-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
