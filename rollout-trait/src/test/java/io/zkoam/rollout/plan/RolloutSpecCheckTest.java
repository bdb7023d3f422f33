package io.zkoam.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.api.v1alpha1.RolloutTraitSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The controller's own check of the spec: the CRD's rules again, and maxUnavailable against the workload's voters. */
class RolloutSpecCheckTest {
  private static final RolloutView THREE = Views.onOld(3, 1).build();

  private static RolloutTraitSpec spec(Integer partition, Integer maxUnavailable, String podReadyTimeout,
      String pauseBetweenPods, String restartAt) {
    return Views.spec(partition, maxUnavailable, false, podReadyTimeout, pauseBetweenPods, restartAt);
  }

  @Test
  void theDefaultsAreAccepted() {
    assertThat(RolloutSpecCheck.problem(Views.spec(), THREE)).isEmpty();
    assertThat(RolloutSpecCheck.problem(Views.spec(null, null, null, null, null, null), THREE)).isEmpty();
  }

  @Test
  void aMissingSpecIsRefused() {
    assertThat(RolloutSpecCheck.problem(null, THREE)).hasValue("spec is missing");
  }

  @Test
  void aNegativePartitionIsRefused() {
    assertThat(RolloutSpecCheck.problem(spec(-1, 1, "10m", "0s", null), THREE))
        .hasValue("spec.partition is -1; it must be 0 or more");
  }

  @Test
  void aPartitionAboveEveryOrdinalIsAccepted() {
    assertThat(RolloutSpecCheck.problem(spec(9, 1, "10m", "0s", null), THREE)).isEmpty();
  }

  @ParameterizedTest(name = "maxUnavailable {0}")
  @ValueSource(ints = {0, -1})
  void maxUnavailableBelowOneIsRefused(int maxUnavailable) {
    assertThat(RolloutSpecCheck.problem(spec(0, maxUnavailable, "10m", "0s", null), THREE))
        .hasValue("spec.maxUnavailable is " + maxUnavailable + "; it must be at least 1");
  }

  @ParameterizedTest(name = "{0} voters, maxUnavailable {1}")
  @CsvSource({"1, 1", "2, 1", "3, 1", "4, 1", "5, 1", "5, 2", "6, 2", "7, 3", "9, 4", "0, 4"})
  void maxUnavailableThatKeepsAQuorumIsAccepted(int voters, int maxUnavailable) {
    assertThat(RolloutSpecCheck.problem(spec(0, maxUnavailable, "10m", "0s", null),
        Views.onOld(voters, 0).build())).isEmpty();
  }

  @ParameterizedTest(name = "{0} voters, maxUnavailable {1}")
  @CsvSource({"1, 2, 1, 1", "3, 2, 1, 2", "4, 2, 1, 3", "5, 3, 2, 3", "7, 4, 3, 4", "9, 5, 4, 5"})
  void maxUnavailableAboveWhatKeepsAQuorumIsRefused(int voters, int maxUnavailable, int allowed, int quorum) {
    assertThat(RolloutSpecCheck.problem(spec(0, maxUnavailable, "10m", "0s", null), Views.onOld(voters, 0).build()))
        .hasValue("spec.maxUnavailable is " + maxUnavailable + " but zk has " + voters + " voters: at most "
            + allowed + " may be away while a quorum of " + quorum + " serves");
  }

  @Test
  void onlyVotersCount() {
    // 5 pods, 3 of them vote: 2 may not be away.
    RolloutView view = Views.onOld(5, 0).observer(3).observer(4).build();
    assertThat(RolloutSpecCheck.problem(spec(0, 2, "10m", "0s", null), view)).hasValueSatisfying(
        p -> assertThat(p).contains("zk has 3 voters: at most 1 may be away"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"250ms", "30s", "10m", "1h30m", "1.5h"})
  void wellFormedDurationsAreAccepted(String duration) {
    assertThat(RolloutSpecCheck.problem(spec(0, 1, duration, duration, null), THREE)).isEmpty();
  }

  @ParameterizedTest(name = "podReadyTimeout {0}")
  @ValueSource(strings = {"soon", "10", "-5m", "10 m", "1d", ""})
  void aMalformedPodReadyTimeoutIsRefused(String duration) {
    assertThat(RolloutSpecCheck.problem(spec(0, 1, duration, "0s", null), THREE))
        .hasValue("spec.podReadyTimeout: not a duration (e.g. 30s, 10m, 1h30m): " + duration);
  }

  @ParameterizedTest(name = "pauseBetweenPods {0}")
  @ValueSource(strings = {"soon", "10", "-5m", "1d"})
  void aMalformedPauseBetweenPodsIsRefused(String duration) {
    assertThat(RolloutSpecCheck.problem(spec(0, 1, "10m", duration, null), THREE))
        .hasValue("spec.pauseBetweenPods: not a duration (e.g. 30s, 10m, 1h30m): " + duration);
  }

  @ParameterizedTest(name = "restartAt {0}")
  @ValueSource(strings = {"2025-03-01T11:00:00Z", "2025-03-01T11:00:00.250Z", "2025-03-01T12:00:00+01:00"})
  void anRfc3339RestartAtIsAccepted(String restartAt) {
    assertThat(RolloutSpecCheck.problem(spec(0, 1, "10m", "0s", restartAt), THREE)).isEmpty();
  }

  @ParameterizedTest(name = "restartAt {0}")
  @ValueSource(strings = {"yesterday", "2025-03-01", "2025-03-01 11:00:00", "2025-13-01T11:00:00Z", ""})
  void aMalformedRestartAtIsRefused(String restartAt) {
    assertThat(RolloutSpecCheck.problem(spec(0, 1, "10m", "0s", restartAt), THREE))
        .hasValue("spec.restartAt is not an RFC 3339 time: " + restartAt);
  }

  @Test
  void theFirstProblemIsReported() {
    assertThat(RolloutSpecCheck.problem(spec(-1, 0, "soon", "soon", "never"), THREE))
        .hasValue("spec.partition is -1; it must be 0 or more");
    assertThat(RolloutSpecCheck.problem(spec(0, 3, "soon", "soon", "never"), THREE))
        .hasValueSatisfying(p -> assertThat(p).startsWith("spec.maxUnavailable is 3"));
    assertThat(RolloutSpecCheck.problem(spec(0, 1, "soon", "later", "never"), THREE))
        .hasValueSatisfying(p -> assertThat(p).startsWith("spec.podReadyTimeout: "));
    assertThat(RolloutSpecCheck.problem(spec(0, 1, "10m", "later", "never"), THREE))
        .hasValueSatisfying(p -> assertThat(p).startsWith("spec.pauseBetweenPods: "));
  }
}
