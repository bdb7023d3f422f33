package io.zkoam.scaler.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.ScalerTraitStatus;
import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import io.zkoam.scaler.status.StepEvents.Notice;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Kubernetes Events a status change is worth: transitions only. */
class StepEventsTest {
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  private static final ScalingStep ADD_POD_4 =
      new ScalingStep(Action.AddPod, 4, "zk-3", "100000003", "2025-03-01T11:59:00Z", null);
  private static final ScalingStep ADD_VOTER_4 =
      new ScalingStep(Action.AddVoter, 4, "zk-3", "100000003", "2025-03-01T12:00:00Z", null);
  private static final ScalingStep REMOVE_VOTER_5 =
      new ScalingStep(Action.RemoveVoter, 5, "zk-4", "100000005", "2025-03-01T12:00:00Z", null);

  private static ScalerTraitStatus status(Phase phase, Integer voters, ScalingStep step, String blockedReason,
      String blockedMessage) {
    boolean blocked = blockedReason != null;
    List<Condition> conditions = Conditions.setAll(List.of(), List.of(
        Conditions.of(ConditionTypes.READY, phase == Phase.Idle, "R", "r", 1L),
        Conditions.of(ConditionTypes.BLOCKED, blocked, blocked ? blockedReason : "NotBlocked",
            blocked ? blockedMessage : "nothing blocks the scaler", 1L)), T);
    return new ScalerTraitStatus(1L, phase, voters, 5, step, conditions);
  }

  private static ScalerTraitStatus inFlight(Phase phase, ScalingStep step) {
    return status(phase, 3, step, null, null);
  }

  private static ScalerTraitStatus idle(int voters) {
    return status(Phase.Idle, voters, null, null, null);
  }

  private static ScalerTraitStatus blocked(String reason, String message, ScalingStep step) {
    return status(Phase.Blocked, 3, step, reason, message);
  }

  @Test
  void aNewStepIsStarted() {
    assertThat(StepEvents.between(idle(3), inFlight(Phase.ScalingUp, ADD_POD_4), null)).containsExactly(
        new Notice("Normal", "StepStarted",
            "start server 4 (zk-3) as a non-voting follower (configuration 100000003)"));
  }

  @Test
  void theFirstStatusWithAStepStartsIt() {
    assertThat(StepEvents.between(null, inFlight(Phase.ScalingDown, REMOVE_VOTER_5), null)).containsExactly(
        new Notice("Normal", "StepStarted", "remove server 5 (zk-4) from the ensemble (configuration 100000005)"));
  }

  @Test
  void aCompletedStepFollowedByTheNextGivesBoth() {
    assertThat(StepEvents.between(inFlight(Phase.ScalingUp, ADD_POD_4), inFlight(Phase.ScalingUp, ADD_VOTER_4),
        ADD_POD_4)).containsExactly(
        new Notice("Normal", "StepCompleted", "done: start server 4 (zk-3) as a non-voting follower"),
        new Notice("Normal", "StepStarted", "add server 4 (zk-3) as a voter (configuration 100000003)"));
  }

  @Test
  void theLastCompletedStepEndsTheScaling() {
    assertThat(StepEvents.between(inFlight(Phase.ScalingUp, ADD_VOTER_4), idle(5), ADD_VOTER_4)).containsExactly(
        new Notice("Normal", "StepCompleted", "done: add server 4 (zk-3) as a voter"),
        new Notice("Normal", "ScalingComplete", "5 voting members"));
  }

  @Test
  void recordingTheReconfigsResultIsNoNewStep() {
    assertThat(StepEvents.between(inFlight(Phase.ScalingUp, ADD_VOTER_4),
        inFlight(Phase.ScalingUp, ADD_VOTER_4.taken("100000004")), null)).isEmpty();
  }

  @Test
  void aStepDroppedWithoutCompletionIsAbandoned() {
    assertThat(StepEvents.between(inFlight(Phase.ScalingUp, ADD_VOTER_4),
        status(Phase.ScalingUp, 3, null, null, null), null)).containsExactly(
        new Notice("Warning", "StepAbandoned", "abandoned: add server 4 (zk-3) as a voter (membership changed "
            + "under it)"));
  }

  @Test
  void anAbandonedStepReplacedByAnotherIsAbandonedAndTheOtherStarted() {
    ScalingStep replanned = new ScalingStep(Action.AddVoter, 4, "zk-3", "100000005", "2025-03-01T12:05:00Z", null);
    assertThat(StepEvents.between(inFlight(Phase.ScalingUp, ADD_VOTER_4), inFlight(Phase.ScalingUp, replanned),
        null)).extracting(Notice::reason).containsExactly("StepAbandoned", "StepStarted");
  }

  @Test
  void anAbandonedStepSaysWhatBlocksWhenSomethingDoes() {
    List<Notice> notices = StepEvents.between(inFlight(Phase.ScalingUp, ADD_VOTER_4),
        blocked("NoQuorum", "the ensemble zk has no quorum", null), null);
    assertThat(notices).containsExactly(
        new Notice("Warning", "StepAbandoned", "abandoned: add server 4 (zk-3) as a voter (the ensemble zk has no "
            + "quorum)"),
        new Notice("Warning", "NoQuorum", "the ensemble zk has no quorum"));
  }

  @Test
  void becomingBlockedIsAWarningNamedAfterTheReason() {
    assertThat(StepEvents.between(idle(3), blocked("InvalidSpec", "spec.replicas is 2", null), null))
        .containsExactly(new Notice("Warning", "InvalidSpec", "spec.replicas is 2"));
  }

  @Test
  void anotherBlockerIsAnotherWarning() {
    assertThat(StepEvents.between(blocked("NoQuorum", "no quorum", null),
        blocked("VoterNotReady", "voter zk-1 (server 2) is not ready", null), null)).containsExactly(
        new Notice("Warning", "VoterNotReady", "voter zk-1 (server 2) is not ready"));
  }

  @Test
  void theSameBlockerWithAnotherMessageIsNoNewEvent() {
    assertThat(StepEvents.between(blocked("VoterNotReady", "voter zk-1 (server 2) is not ready", null),
        blocked("VoterNotReady", "voter zk-2 (server 3) is not ready", null), null)).isEmpty();
  }

  @Test
  void aBlockedStepKeptIsNeitherAbandonedNorStarted() {
    assertThat(StepEvents.between(inFlight(Phase.ScalingUp, ADD_POD_4),
        blocked("StepTimedOut", "timed out", ADD_POD_4), null)).containsExactly(
        new Notice("Warning", "StepTimedOut", "timed out"));
  }

  @Test
  void reachingIdleCompletesTheScaling() {
    assertThat(StepEvents.between(blocked("NoQuorum", "x", null), idle(3), null)).containsExactly(
        new Notice("Normal", "ScalingComplete", "3 voting members"));
    assertThat(StepEvents.between(null, idle(3), null)).containsExactly(
        new Notice("Normal", "ScalingComplete", "3 voting members"));
  }

  @Test
  void idleWithoutAKnownVoterCountSaysNothing() {
    assertThat(StepEvents.between(null, status(Phase.Idle, null, null, null, null), null)).isEmpty();
  }

  @Test
  void anUnchangedStatusIsWorthNoEvent() {
    for (ScalerTraitStatus s : List.of(idle(3), inFlight(Phase.ScalingUp, ADD_POD_4),
        inFlight(Phase.ScalingDown, REMOVE_VOTER_5.taken("100000006")), blocked("NoQuorum", "no quorum", null),
        blocked("StepTimedOut", "late", ADD_VOTER_4), status(Phase.Idle, null, null, null, null))) {
      assertThat(StepEvents.between(s, s, null)).as("%s", s).isEmpty();
    }
  }

  @Test
  void sameStepIgnoresOnlyTheReconfigsResult() {
    assertThat(StepEvents.sameStep(ADD_VOTER_4, ADD_VOTER_4.taken("100000004"))).isTrue();
    assertThat(StepEvents.sameStep(ADD_VOTER_4, ADD_POD_4)).isFalse();
    assertThat(StepEvents.sameStep(ADD_VOTER_4, new ScalingStep(Action.AddVoter, 5, "zk-4", "100000003",
        ADD_VOTER_4.startedAt(), null))).isFalse();
    assertThat(StepEvents.sameStep(ADD_VOTER_4, new ScalingStep(Action.AddVoter, 4, "zk-3", "100000003",
        "2025-03-01T12:00:01Z", null))).isFalse();
    assertThat(StepEvents.sameStep(ADD_VOTER_4, new ScalingStep(Action.AddVoter, 4, "zk-3", "100000005",
        ADD_VOTER_4.startedAt(), null))).as("planned again from another version").isFalse();
    assertThat(StepEvents.sameStep(null, ADD_VOTER_4)).isFalse();
    assertThat(StepEvents.sameStep(ADD_VOTER_4, null)).isFalse();
  }
}
