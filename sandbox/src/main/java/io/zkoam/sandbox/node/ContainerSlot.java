package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.time.Instant;

/**
 * One container of a running pod: its process, its probe counters and what its ContainerStatus says. A container that
 * exits or fails its liveness probe is restarted after an exponential back-off (restartPolicy Always).
 */
final class ContainerSlot {
  final Container spec;
  RunningContainer process;
  int restarts;
  boolean started;
  boolean ready;
  boolean held;
  int livenessFailures;
  int readinessFailures;
  int startupFailures;
  Instant startedAt;
  Instant nextStart = Instant.EPOCH;
  Integer lastExitCode;
  String waitingReason;
  Instant lastProbe = Instant.EPOCH;
  Instant lastLiveness = Instant.EPOCH;

  ContainerSlot(Container spec) {
    this.spec = spec;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  /** Back-off before restart number {@code restarts}: 1 s, 2 s, 4 s ... at most 10 s (the kubelet's is 5 min). */
  Duration backoff() {
    return Duration.ofMillis(Math.min(10_000, 1000L << Math.min(restarts, 4)));
  }

  Probe startupProbe() {
    return spec.getStartupProbe();
  }

  ContainerStatus status(String image) {
    ContainerStatusBuilder b = new ContainerStatusBuilder().withName(spec.getName()).withImage(image)
        .withImageID(image).withReady(ready).withRestartCount(restarts).withStarted(started);
    if (running()) {
      b.withNewState().withNewRunning().withStartedAt(startedAt.toString()).endRunning().endState();
    } else {
      b.withNewState().withNewWaiting().withReason(waitingReason == null ? "ContainerCreating" : waitingReason)
          .endWaiting().endState();
    }
    if (lastExitCode != null) {
      b.withNewLastState().withNewTerminated().withExitCode(lastExitCode).endTerminated().endLastState();
    }
    return b.build();
  }
}
