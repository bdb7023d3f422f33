package io.zkoam.scaler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.api.v1alpha1.ScalerTraitSpec;
import io.zkoam.api.v1alpha1.WorkloadRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The controller's own check of the spec (the CRD's rules again, for API servers that do not enforce them). */
class TargetCheckTest {

  private static ScalerTraitSpec spec(Integer replicas, Boolean allowEven, String timeout) {
    return new ScalerTraitSpec(WorkloadRef.to("zk"), replicas, allowEven, timeout);
  }

  @ParameterizedTest(name = "{0} voters, allowEvenReplicas={1}")
  @CsvSource({
      "1, false", "3, false", "5, false", "7, false", "9, false",
      "1, true", "3, true", "4, true", "6, true", "8, true", "9, true"})
  void acceptedSizes(int replicas, boolean allowEven) {
    assertThat(TargetCheck.problem(spec(replicas, allowEven, "10m"))).isEmpty();
  }

  @ParameterizedTest(name = "{0} voters, allowEvenReplicas={1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "-1 | true  | spec.replicas is -1: an ensemble needs at least 1 voter",
      "0  | false | spec.replicas is 0: an ensemble needs at least 1 voter",
      "2  | false | spec.replicas is 2: 2 voters tolerate no failure",
      "2  | true  | spec.replicas is 2: 2 voters tolerate no failure",
      "4  | false | spec.replicas is 4: an even number of voters adds no fault tolerance over 3",
      "6  | false | over 5; set spec.allowEvenReplicas to insist",
      "8  | false | over 7",
      "10 | true  | spec.replicas is 10: at most 9 voters are supported",
      "11 | false | at most 9 voters"})
  void refusedSizes(int replicas, boolean allowEven, String message) {
    assertThat(TargetCheck.problem(spec(replicas, allowEven, "10m"))).hasValueSatisfying(
        p -> assertThat(p).contains(message));
  }

  @ParameterizedTest(name = "stepTimeout {0}")
  @ValueSource(strings = {"250ms", "30s", "10m", "1h30m", "1.5h"})
  void acceptedTimeouts(String timeout) {
    assertThat(TargetCheck.problem(spec(3, false, timeout))).isEmpty();
  }

  @ParameterizedTest(name = "stepTimeout {0}")
  @ValueSource(strings = {"0s", "0ms", "0m0s"})
  void zeroTimeoutsAreRefused(String timeout) {
    assertThat(TargetCheck.problem(spec(3, false, timeout))).hasValue("spec.stepTimeout must be longer than 0");
  }

  @ParameterizedTest(name = "stepTimeout {0}")
  @ValueSource(strings = {"soon", "10", "-5m", "10 m", "1d", ""})
  void malformedTimeoutsAreRefused(String timeout) {
    assertThat(TargetCheck.problem(spec(3, false, timeout))).hasValueSatisfying(
        p -> assertThat(p).startsWith("spec.stepTimeout: ").contains(timeout));
  }

  @Test
  void missingTimeoutAndFlagTakeTheirDefaults() {
    ScalerTraitSpec spec = spec(3, null, null);
    assertThat(spec.stepTimeout()).isEqualTo("10m");
    assertThat(spec.allowEvenReplicas()).isFalse();
    assertThat(TargetCheck.problem(spec)).isEmpty();
    assertThat(TargetCheck.problem(spec(4, null, null))).isPresent();
  }

  @Test
  void missingSpecOrReplicasIsRefused() {
    assertThat(TargetCheck.problem(null)).hasValue("spec is missing");
    assertThat(TargetCheck.problem(spec(null, false, "10m")))
        .hasValue("spec.replicas is required: the number of voting members wanted");
  }

  @Test
  void theReasonIsInvalidSpec() {
    assertThat(TargetCheck.INVALID_SPEC).isEqualTo("InvalidSpec");
  }
}
