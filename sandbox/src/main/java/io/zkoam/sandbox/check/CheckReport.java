package io.zkoam.sandbox.check;

import java.time.Duration;
import java.util.List;

/**
 * What the workload checker saw.
 *
 * @param acknowledged writes the ensemble confirmed
 * @param lost acknowledged writes missing (or out of order) on at least one member at the end
 * @param failedAttempts writes that got an error (not acknowledged, so not required to survive)
 * @param maxUnavailable longest time without a successful write while writing
 * @param leaderElections new leader epochs seen by the agents during the run
 * @param problems what exactly was missing, for the failure message
 */
public record CheckReport(long acknowledged, long lost, long failedAttempts, Duration maxUnavailable,
    long leaderElections, List<String> problems) {

  @Override
  public String toString() {
    return "acknowledged=" + acknowledged + " lost=" + lost + " failedAttempts=" + failedAttempts
        + " maxUnavailable=" + maxUnavailable.toMillis() + "ms leaderElections=" + leaderElections
        + (problems.isEmpty() ? "" : " problems=" + problems);
  }
}
