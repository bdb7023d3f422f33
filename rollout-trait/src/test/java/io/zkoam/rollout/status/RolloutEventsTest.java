package io.zkoam.rollout.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.trait.WorkloadBinding;
import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.RolloutTraitStatus;
import io.zkoam.api.v1alpha1.RolloutTraitStatus.Phase;
import io.zkoam.rollout.plan.RolloutPlan;
import io.zkoam.rollout.plan.RolloutPlanner;
import io.zkoam.rollout.plan.RolloutView;
import io.zkoam.rollout.plan.Views;
import io.zkoam.rollout.status.RolloutEvents.Notice;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which Kubernetes Events a status change is worth: one per pod restarting and back, per new blocker, and the end. */
class RolloutEventsTest {
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  private static final RolloutStep ZK2 = new RolloutStep("zk-2", "uid-zk-2", "NewRevision", "2025-03-01T11:58:00Z");
  private static final RolloutStep ZK0 = new RolloutStep("zk-0", "uid-zk-0", "NewRevision", "2025-03-01T12:00:00Z");
  private static final Function<RolloutStep, String> DESCRIBE = step -> "restart " + step.pod();

  private static RolloutTraitStatus status(Phase phase, Integer elections, String blockedReason,
      String blockedMessage, RolloutStep... steps) {
    boolean blocked = blockedReason != null;
    List<Condition> conditions = Conditions.setAll(List.of(), List.of(
        Conditions.of(ConditionTypes.READY, phase == Phase.Complete, "R", "r", 1L),
        Conditions.of(ConditionTypes.BLOCKED, blocked, blocked ? blockedReason : "NotBlocked",
            blocked ? blockedMessage : "nothing blocks the rollout", 1L)), T);
    List<RolloutStep> list = List.of(steps);
    return new RolloutTraitStatus(1L, phase, "new", List.of(), list.stream().map(RolloutStep::pod).toList(), list,
        1, 3, elections, "zk-1", null, null, conditions);
  }

  private static RolloutTraitStatus rolling(RolloutStep... steps) {
    return status(Phase.Rolling, 0, null, null, steps);
  }

  private static RolloutTraitStatus blocked(String reason, String message, RolloutStep... steps) {
    return status(Phase.Blocked, 0, reason, message, steps);
  }

  private static RolloutTraitStatus complete(Integer elections) {
    return status(Phase.Complete, elections, null, null);
  }

  private static List<Notice> between(RolloutTraitStatus before, RolloutTraitStatus after,
      RolloutStep... finished) {
    return RolloutEvents.between(before, after, List.of(finished), DESCRIBE);
  }

  @Test
  void aNewStepIsRestarting() {
    assertThat(between(rolling(), rolling(ZK2))).containsExactly(new Notice("Normal", "PodRestarting", "restart zk-2"));
  }

  @Test
  void theFirstStatusWithAStepIsRestartingToo() {
    assertThat(between(null, rolling(ZK2))).containsExactly(new Notice("Normal", "PodRestarting", "restart zk-2"));
  }

  @Test
  void aStepAlreadyRecordedIsNotAnnouncedAgain() {
    assertThat(between(rolling(ZK2), rolling(ZK2))).isEmpty();
    assertThat(between(rolling(ZK2), blocked("PodNotReady", "zk-2 did not come back", ZK2)))
        .extracting(Notice::reason).containsExactly("PodNotReady");
  }

  @Test
  void aFinishedStepIsRestartedAndTheNextOneRestarting() {
    assertThat(between(rolling(ZK2), rolling(ZK0), ZK2)).containsExactly(
        new Notice("Normal", "PodRestarted", "zk-2 is back, ready and synced"),
        new Notice("Normal", "PodRestarting", "restart zk-0"));
  }

  @Test
  void theDescriptionIsThePlannersForTheView() {
    RolloutView view = Views.onOld(3, 1).build();
    RolloutPlan plan = RolloutPlanner.plan(Views.spec(), false, view, null, T);
    RolloutTrait trait = new RolloutTrait();
    trait.setMetadata(new ObjectMetaBuilder().withName("rollout").withNamespace("ns").withGeneration(1L).build());
    trait.setSpec(Views.spec());
    RolloutTraitStatus after = RolloutStatusModel.forPlan(trait, plan, view, T);
    assertThat(RolloutEvents.between(null, after, plan.finished(), step -> RolloutPlanner.describe(step, view)))
        .containsExactly(new Notice("Normal", "PodRestarting", "restart zk-2 (follower) onto revision new"));
  }

  @Test
  void aNewBlockerIsAWarningWithItsMessage() {
    assertThat(between(rolling(), blocked("NoQuorum", "the ensemble zk has no quorum"))).containsExactly(
        new Notice("Warning", "NoQuorum", "the ensemble zk has no quorum"));
  }

  @Test
  void theSameBlockerIsNotRepeatedEvenWithAnotherMessage() {
    assertThat(between(blocked("TooManyUnavailable", "1 pod(s) do not serve"),
        blocked("TooManyUnavailable", "2 pod(s) do not serve"))).isEmpty();
  }

  @Test
  void anotherBlockerIsWarnedAgain() {
    assertThat(between(blocked("NoQuorum", "no quorum"), blocked("QuorumAtRisk", "without zk-2 ...")))
        .containsExactly(new Notice("Warning", "QuorumAtRisk", "without zk-2 ..."));
  }

  @Test
  void aBlockerBackAfterItClearedIsWarnedAgain() {
    RolloutTraitStatus first = blocked("NoQuorum", "no quorum");
    RolloutTraitStatus cleared = rolling(ZK2);
    assertThat(between(first, cleared)).extracting(Notice::reason).containsExactly("PodRestarting");
    assertThat(between(cleared, blocked("NoQuorum", "no quorum", ZK2))).containsExactly(
        new Notice("Warning", "NoQuorum", "no quorum"));
  }

  @Test
  void aFirstStatusThatIsBlockedIsWarned() {
    assertThat(between(null, blocked("InvalidSpec", "spec.maxUnavailable is 2"))).containsExactly(
        new Notice("Warning", "InvalidSpec", "spec.maxUnavailable is 2"));
  }

  @Test
  void theEndIsAnnouncedOnceWithTheElectionsSeen() {
    assertThat(between(rolling(ZK2), complete(1), ZK2)).containsExactly(
        new Notice("Normal", "PodRestarted", "zk-2 is back, ready and synced"),
        new Notice("Normal", "RolloutComplete", "every pod runs revision new; leader elections seen: 1"));
    assertThat(between(complete(1), complete(1))).isEmpty();
  }

  @Test
  void aTraitCreatedOnAnUpdatedWorkloadAnnouncesTheEndOnce() {
    assertThat(between(null, complete(0))).containsExactly(
        new Notice("Normal", "RolloutComplete", "every pod runs revision new; leader elections seen: 0"));
  }

  @Test
  void theEndWithoutACountSaysNoCount() {
    assertThat(between(rolling(), complete(null))).containsExactly(
        new Notice("Normal", "RolloutComplete", "every pod runs revision new"));
  }

  @Test
  void nothingChangedNothingToSay() {
    assertThat(between(rolling(), rolling())).isEmpty();
  }

  @Test
  void anUnboundTraitKeepsItsStepsAndOnlyWarns() {
    RolloutTrait trait = new RolloutTrait();
    trait.setMetadata(new ObjectMetaBuilder().withName("rollout").withNamespace("ns").withGeneration(1L).build());
    trait.setSpec(Views.spec());
    RolloutTraitStatus before = rolling(ZK2);
    trait.setStatus(before);
    RolloutTraitStatus conflict = RolloutStatusModel.forUnbound(trait,
        new WorkloadBinding.Unbound("Conflict", "RolloutTrait other already acts on zk"), T);
    assertThat(between(before, conflict)).containsExactly(
        new Notice("Warning", "Conflict", "RolloutTrait other already acts on zk"));
    RolloutTraitStatus missing = RolloutStatusModel.forUnbound(trait,
        new WorkloadBinding.Unbound("WorkloadNotFound", "ZooKeeperCluster zk not found"), T);
    assertThat(between(before, missing)).containsExactly(
        new Notice("Warning", "WorkloadNotFound", "ZooKeeperCluster zk not found"));
  }
}
