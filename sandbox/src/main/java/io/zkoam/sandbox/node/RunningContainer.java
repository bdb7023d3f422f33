package io.zkoam.sandbox.node;

import java.time.Duration;
import java.util.Optional;

/** A started container: its process, as the simulated container runtime sees it. */
interface RunningContainer {
  boolean isAlive();

  /** Exit code once the process ended. */
  Optional<Integer> exitCode();

  /** SIGTERM, then SIGKILL after {@code grace}; returns when the process is gone. */
  void stop(Duration grace);

  /** SIGKILL at once (a crash). */
  void kill();
}
