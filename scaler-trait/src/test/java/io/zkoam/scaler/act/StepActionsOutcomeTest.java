package io.zkoam.scaler.act;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import io.zkoam.scaler.act.MembershipAgent.ReconfigReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How an agent's answer to /add or /del becomes the step's outcome. */
class StepActionsOutcomeTest {
  private static final ScalingStep ADD_4 =
      new ScalingStep(Action.AddVoter, 4, "zk-3", "100000003", "2025-03-01T12:00:00Z", null);

  @Test
  void successIsTakenWithTheVersionTheReconfigReturned() {
    ActionOutcome outcome = StepActions.outcome(ADD_4, new ReconfigReply(200, null, null, "100000004"));
    assertThat(outcome).isEqualTo(new ActionOutcome.Taken(
        new ScalingStep(Action.AddVoter, 4, "zk-3", "100000003", "2025-03-01T12:00:00Z", "100000004")));
  }

  @Test
  void successOfARemovalKeepsTheStepAndAddsTheVersion() {
    ScalingStep remove = new ScalingStep(Action.RemoveVoter, 5, "zk-4", "100000005", "2025-03-01T12:00:00Z", null);
    ActionOutcome outcome = StepActions.outcome(remove, new ReconfigReply(200, null, null, "100000006"));
    assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Taken.class, t -> {
      assertThat(t.step().configVersionAfter()).isEqualTo("100000006");
      assertThat(t.step().taken(null)).isEqualTo(remove);
    });
  }

  @ParameterizedTest(name = "409 {0}")
  @ValueSource(strings = {"BADVERSION", "RECONFIGINPROGRESS"})
  void someoneElsesChangeSupersedesTheStep(String error) {
    ActionOutcome outcome = StepActions.outcome(ADD_4,
        new ReconfigReply(409, error, "KeeperErrorCode = BadVersion for /zookeeper/config", null));
    assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Superseded.class, s ->
        assertThat(s.message()).contains("100000003", error, "KeeperErrorCode = BadVersion"));
  }

  @Test
  void zooKeeperRefusingTheChangeIsRefused() {
    ActionOutcome outcome = StepActions.outcome(ADD_4,
        new ReconfigReply(409, "BADARGUMENTS", "too few participants", null));
    assertThat(outcome).isEqualTo(new ActionOutcome.Refused("ReconfigRefused",
        "ZooKeeper refuses the change: BADARGUMENTS: too few participants"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"400, BAD_REQUEST", "413, BODY_TOO_LARGE"})
  void aRequestTheAgentCannotReadIsRefusedNotRetried(int status, String error) {
    ActionOutcome outcome = StepActions.outcome(ADD_4, new ReconfigReply(status, error, "unknown field", null));
    assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Refused.class,
        r -> assertThat(r.reason()).isEqualTo("ReconfigRefused"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"500, NOAUTH", "401, UNAUTHORIZED", "500, NO_SUPER_PASSWORD", "500, NO_AGENT_TOKEN",
      "500, RECONFIGDISABLED"})
  void authenticationAndConfigurationProblemsAreRefused(int status, String error) {
    ActionOutcome outcome = StepActions.outcome(ADD_4, new ReconfigReply(status, error, "no", null));
    assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Refused.class, r -> {
      assertThat(r.reason()).isEqualTo("ReconfigNotAuthorized");
      assertThat(r.message()).contains(error + ": no");
    });
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"503, NEWCONFIGNOQUORUM", "503, UNAVAILABLE", "503, CONNECTIONLOSS", "0, UNAVAILABLE",
      "502, UNREADABLE"})
  void passingFailuresAreRetried(int status, String error) {
    ActionOutcome outcome = StepActions.outcome(ADD_4, new ReconfigReply(status, error, "later", null));
    assertThat(outcome).isEqualTo(new ActionOutcome.Retry("ReconfigUnavailable",
        "reconfig not taken yet: " + error + ": later"));
  }

  @Test
  void aFailureWithoutAnErrorCodeIsRetried() {
    assertThat(StepActions.outcome(ADD_4, new ReconfigReply(500, null, "?", null)))
        .isInstanceOf(ActionOutcome.Retry.class);
  }
}
