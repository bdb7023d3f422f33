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
import io.zkoam.rollout.plan.RolloutPlan.Kind;
import io.zkoam.rollout.plan.RolloutPlanner;
import io.zkoam.rollout.plan.RolloutView;
import io.zkoam.rollout.plan.Views;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The status published for a plan or for a trait that may not act: deterministic, so unchanged means no write. */
class RolloutStatusModelTest {
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-01T12:07:30Z");
  private static final RolloutStep ZK2 = new RolloutStep("zk-2", "uid-zk-2", "NewRevision", "2025-03-01T11:58:00Z");

  private static RolloutTrait trait(RolloutTraitStatus status) {
    RolloutTrait trait = new RolloutTrait();
    trait.setMetadata(new ObjectMetaBuilder().withName("rollout").withNamespace("ns").withGeneration(4L).build());
    trait.setSpec(Views.spec());
    trait.setStatus(status);
    return trait;
  }

  /** A status as an earlier look left it: rolling towards {@code target}, {@code elections} seen, {@code leader}. */
  private static RolloutTraitStatus earlier(String target, Integer elections, String leader) {
    return new RolloutTraitStatus(4L, Phase.Rolling, target, List.of("zk-2", "zk-0", "zk-1"), List.of("zk-2"),
        List.of(ZK2), 0, 3, elections, leader, "2025-03-01T11:50:00Z", "2025-02-01T00:00:00Z", List.of());
  }

  /** Like {@link #earlier} with nothing in flight. */
  private static RolloutTraitStatus settled(String target, Integer elections, String leader) {
    return new RolloutTraitStatus(4L, Phase.Rolling, target, List.of(), List.of(), List.of(), 3, 3, elections,
        leader, "2025-03-01T11:50:00Z", "2025-02-01T00:00:00Z", List.of());
  }

  private static RolloutPlan planFor(RolloutView view, RolloutTraitStatus status, Instant now) {
    return RolloutPlanner.plan(Views.spec(), false, view, status, now);
  }

  private static Condition condition(RolloutTraitStatus status, String type) {
    return Conditions.find(status.conditions(), type).orElseThrow(() -> new AssertionError("no " + type));
  }

  private static String summary(RolloutTraitStatus status, String type) {
    Condition c = condition(status, type);
    return c.getStatus() + "/" + c.getReason();
  }

  @Nested
  class ForPlan {
    @Test
    void aDeletionInFlightIsRecordedRollingAndNotReady() {
      RolloutView view = Views.onOld(3, 1).build();
      RolloutPlan plan = planFor(view, null, T0);
      RolloutTraitStatus status = RolloutStatusModel.forPlan(trait(null), plan, view, T0);
      RolloutStep step = new RolloutStep("zk-2", "uid-zk-2", "NewRevision", "2025-03-01T12:00:00Z");
      assertThat(status.observedGeneration()).isEqualTo(4L);
      assertThat(status.phase()).isEqualTo(Phase.Rolling);
      assertThat(status.targetRevision()).isEqualTo("new");
      assertThat(status.updateOrder()).containsExactly("zk-2", "zk-0", "zk-1");
      assertThat(status.currentPods()).containsExactly("zk-2");
      assertThat(status.steps()).containsExactly(step);
      assertThat(status.updatedReplicas()).isZero();
      assertThat(status.totalReplicas()).isEqualTo(3);
      assertThat(status.leaderElections()).isZero();
      assertThat(status.observedLeader()).isEqualTo("zk-1");
      assertThat(status.lastPodReadyAt()).isNull();
      assertThat(status.restartAtApplied()).isNull();
      assertThat(status.conditions()).extracting(Condition::getType)
          .containsExactly("Ready", "Blocked", "WorkloadFound", "Conflict");
      Condition ready = condition(status, ConditionTypes.READY);
      assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/Restarting");
      assertThat(ready.getMessage()).isEqualTo("restart zk-2 (follower) onto revision new");
      assertThat(ready.getObservedGeneration()).isEqualTo(4L);
      assertThat(ready.getLastTransitionTime()).isEqualTo("2025-03-01T12:00:00Z");
      assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
      assertThat(condition(status, ConditionTypes.BLOCKED).getMessage()).isEqualTo("nothing blocks the rollout");
      assertThat(summary(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
      assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND).getMessage())
          .isEqualTo("ZooKeeperCluster zk found");
      assertThat(summary(status, ConditionTypes.CONFLICT)).isEqualTo("False/SoleRollout");
      assertThat(condition(status, ConditionTypes.CONFLICT).getMessage())
          .isEqualTo("the only RolloutTrait acting on zk");
    }

    @Test
    void aFinishedRolloutIsCompleteAndReady() {
      RolloutView view = Views.onNew(3, 1).build();
      RolloutTraitStatus status = RolloutStatusModel.forPlan(trait(settled("new", 1, "zk-1")),
          planFor(view, settled("new", 1, "zk-1"), T0), view, T0);
      assertThat(status.phase()).isEqualTo(Phase.Complete);
      assertThat(status.steps()).isEmpty();
      assertThat(status.currentPods()).isEmpty();
      assertThat(status.updateOrder()).isEmpty();
      assertThat(status.updatedReplicas()).isEqualTo(3);
      assertThat(summary(status, ConditionTypes.READY)).isEqualTo("True/AllPodsUpdated");
      assertThat(condition(status, ConditionTypes.READY).getMessage()).isEqualTo("every pod runs revision new");
      assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
      assertThat(status.lastPodReadyAt()).isEqualTo("2025-03-01T11:50:00Z");
      assertThat(status.restartAtApplied()).isEqualTo("2025-02-01T00:00:00Z");
      assertThat(status.leaderElections()).isEqualTo(1);
    }

    @Test
    void aBlockedPlanSetsBlockedWithItsReasonAndMessage() {
      RolloutView view = Views.onOld(3, 1).noQuorum().build();
      RolloutTraitStatus status = RolloutStatusModel.forPlan(trait(null), planFor(view, null, T0), view, T0);
      assertThat(status.phase()).isEqualTo(Phase.Blocked);
      assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("True/NoQuorum");
      assertThat(condition(status, ConditionTypes.BLOCKED).getMessage())
          .isEqualTo("the ensemble zk has no quorum; no pod is restarted until it has");
      assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/NoQuorum");
      assertThat(status.steps()).isEmpty();
    }

    @Test
    void theSameLookTwiceGivesAnEqualStatusSoNothingIsWritten() {
      RolloutView view = Views.onOld(3, 1).recreated(2, T0).notReady(2).build();
      RolloutTraitStatus before = earlier("new", 0, "zk-1");
      RolloutPlan plan = planFor(view, before, T0);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      RolloutTraitStatus first = RolloutStatusModel.forPlan(trait(before), plan, view, T0);
      RolloutTraitStatus second = RolloutStatusModel.forPlan(trait(first), planFor(view, first, T1), view, T1);
      assertThat(second).isEqualTo(first);
      assertThat(second.conditions()).extracting(Condition::getLastTransitionTime)
          .containsOnly("2025-03-01T12:00:00Z");
    }

    @Test
    void aCompleteRolloutLookedAtAgainIsUnchanged() {
      RolloutView view = Views.onNew(3, 1).build();
      RolloutTraitStatus first = RolloutStatusModel.forPlan(trait(null), planFor(view, null, T0), view, T0);
      RolloutTraitStatus second = RolloutStatusModel.forPlan(trait(first), planFor(view, first, T1), view, T1);
      assertThat(second).isEqualTo(first);
    }

    @Test
    void onlyAFlippedConditionMovesItsTransitionTime() {
      RolloutView blockedView = Views.onOld(3, 1).noQuorum().build();
      RolloutTraitStatus blocked = RolloutStatusModel.forPlan(trait(null), planFor(blockedView, null, T0),
          blockedView, T0);
      RolloutView view = Views.onOld(3, 1).build();
      RolloutTraitStatus rolling = RolloutStatusModel.forPlan(trait(blocked), planFor(view, blocked, T1), view, T1);
      assertThat(summary(rolling, ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
      assertThat(condition(rolling, ConditionTypes.BLOCKED).getLastTransitionTime())
          .isEqualTo("2025-03-01T12:07:30Z");
      assertThat(condition(rolling, ConditionTypes.READY).getLastTransitionTime()).isEqualTo("2025-03-01T12:00:00Z");
      assertThat(condition(rolling, ConditionTypes.READY).getReason()).isEqualTo("Restarting");
    }
  }

  @Nested
  class LeaderElections {
    private RolloutTraitStatus next(RolloutTraitStatus before, Views view) {
      RolloutView v = view.build();
      return RolloutStatusModel.forPlan(trait(before), planFor(v, before, T0), v, T0);
    }

    @Test
    void theFirstLookCountsNone() {
      RolloutTraitStatus status = next(null, Views.onOld(3, 1));
      assertThat(status.leaderElections()).isZero();
      assertThat(status.observedLeader()).isEqualTo("zk-1");
    }

    @Test
    void aLeaderChangeWithinOneTargetRevisionIsCounted() {
      RolloutTraitStatus status = next(earlier("new", 0, "zk-1"), Views.onOld(3, 1).leader("zk-0"));
      assertThat(status.leaderElections()).isEqualTo(1);
      assertThat(status.observedLeader()).isEqualTo("zk-0");
      RolloutTraitStatus again = next(status, Views.onOld(3, 1).leader("zk-2"));
      assertThat(again.leaderElections()).isEqualTo(2);
      assertThat(again.observedLeader()).isEqualTo("zk-2");
    }

    @Test
    void theSameLeaderCountsNothing() {
      assertThat(next(earlier("new", 1, "zk-1"), Views.onOld(3, 1)).leaderElections()).isEqualTo(1);
    }

    @Test
    void noLeaderDuringAnElectionKeepsTheLastOneSeenAndCountsOnceItIsElected() {
      RolloutTraitStatus electing = next(earlier("new", 0, "zk-1"), Views.onOld(3, 1).leader(null));
      assertThat(electing.leaderElections()).isZero();
      assertThat(electing.observedLeader()).isEqualTo("zk-1");
      RolloutTraitStatus elected = next(electing, Views.onOld(3, 1).leader("zk-0"));
      assertThat(elected.leaderElections()).isEqualTo(1);
      assertThat(elected.observedLeader()).isEqualTo("zk-0");
    }

    @Test
    void theSameLeaderBackAfterAnElectionWithoutLeaderIsNoChange() {
      RolloutTraitStatus electing = next(earlier("new", 0, "zk-1"), Views.onOld(3, 1).leader(null));
      assertThat(next(electing, Views.onOld(3, 1)).leaderElections()).isZero();
    }

    @Test
    void aNewTargetRevisionResetsTheCount() {
      RolloutTraitStatus status = next(earlier("older", 3, "zk-1"), Views.onOld(3, 1).leader("zk-0"));
      assertThat(status.targetRevision()).isEqualTo("new");
      assertThat(status.leaderElections()).isZero();
      assertThat(status.observedLeader()).isEqualTo("zk-0");
    }

    @Test
    void aCountNotRecordedYetStartsAtZero() {
      assertThat(next(earlier("new", null, "zk-1"), Views.onOld(3, 1).leader("zk-0")).leaderElections())
          .isEqualTo(1);
    }
  }

  @Nested
  class Unbound {
    @Test
    void aConflictKeepsWhatWasRecordedAndSaysWhy() {
      RolloutTraitStatus before = earlier("new", 1, "zk-1");
      RolloutTraitStatus status = RolloutStatusModel.forUnbound(trait(before),
          new WorkloadBinding.Unbound("Conflict", "RolloutTrait other already acts on zk"), T0);
      assertThat(status.phase()).isEqualTo(Phase.Blocked);
      assertThat(status.observedGeneration()).isEqualTo(4L);
      assertThat(status.steps()).containsExactly(ZK2);
      assertThat(status.currentPods()).containsExactly("zk-2");
      assertThat(status.updateOrder()).containsExactly("zk-2", "zk-0", "zk-1");
      assertThat(status.targetRevision()).isEqualTo("new");
      assertThat(status.updatedReplicas()).isZero();
      assertThat(status.totalReplicas()).isEqualTo(3);
      assertThat(status.leaderElections()).isEqualTo(1);
      assertThat(status.observedLeader()).isEqualTo("zk-1");
      assertThat(status.lastPodReadyAt()).isEqualTo("2025-03-01T11:50:00Z");
      assertThat(status.restartAtApplied()).isEqualTo("2025-02-01T00:00:00Z");
      assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/Conflict");
      assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("True/Conflict");
      assertThat(condition(status, ConditionTypes.BLOCKED).getMessage())
          .isEqualTo("RolloutTrait other already acts on zk");
      assertThat(summary(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
      assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND).getMessage()).isEqualTo("the workload exists");
      assertThat(summary(status, ConditionTypes.CONFLICT)).isEqualTo("True/Conflict");
      assertThat(condition(status, ConditionTypes.CONFLICT).getMessage())
          .isEqualTo("RolloutTrait other already acts on zk");
    }

    @Test
    void aMissingWorkloadKeepsWhatWasRecordedAndSaysWhy() {
      RolloutTraitStatus before = earlier("new", 1, "zk-1");
      RolloutTraitStatus status = RolloutStatusModel.forUnbound(trait(before),
          new WorkloadBinding.Unbound("WorkloadNotFound", "ZooKeeperCluster zk not found"), T0);
      assertThat(status.phase()).isEqualTo(Phase.Blocked);
      assertThat(status.steps()).containsExactly(ZK2);
      assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/WorkloadNotFound");
      assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("True/WorkloadNotFound");
      assertThat(summary(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("False/WorkloadNotFound");
      assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND).getMessage())
          .isEqualTo("ZooKeeperCluster zk not found");
      assertThat(summary(status, ConditionTypes.CONFLICT)).isEqualTo("False/NoConflict");
      assertThat(condition(status, ConditionTypes.CONFLICT).getMessage())
          .isEqualTo("no other RolloutTrait acts on the workload");
    }

    @Test
    void aTraitWithoutStatusGetsOnlyConditions() {
      RolloutTraitStatus status = RolloutStatusModel.forUnbound(trait(null),
          new WorkloadBinding.Unbound("WorkloadNotFound", "ZooKeeperCluster zk not found"), T0);
      assertThat(status.phase()).isEqualTo(Phase.Blocked);
      assertThat(status.targetRevision()).isNull();
      assertThat(status.steps()).isEmpty();
      assertThat(status.updateOrder()).isEmpty();
      assertThat(status.leaderElections()).isNull();
      assertThat(status.conditions()).hasSize(4);
    }

    @Test
    void theSameReasonTwiceGivesAnEqualStatus() {
      WorkloadBinding.Unbound why = new WorkloadBinding.Unbound("Conflict", "RolloutTrait other already acts on zk");
      RolloutTraitStatus first = RolloutStatusModel.forUnbound(trait(earlier("new", 0, "zk-1")), why, T0);
      assertThat(RolloutStatusModel.forUnbound(trait(first), why, T1)).isEqualTo(first);
    }

    @Test
    void aBoundTraitAfterAConflictGoesOnWithTheRecordedStep() {
      RolloutTraitStatus conflict = RolloutStatusModel.forUnbound(trait(earlier("new", 0, "zk-1")),
          new WorkloadBinding.Unbound("Conflict", "RolloutTrait other already acts on zk"), T0);
      RolloutView view = Views.onOld(3, 1).recreated(2, T0).notReady(2).build();
      RolloutTraitStatus status = RolloutStatusModel.forPlan(trait(conflict), planFor(view, conflict, T1), view, T1);
      assertThat(status.steps()).containsExactly(ZK2);
      assertThat(status.phase()).isEqualTo(Phase.Rolling);
      assertThat(summary(status, ConditionTypes.CONFLICT)).isEqualTo("False/SoleRollout");
      assertThat(condition(status, ConditionTypes.CONFLICT).getLastTransitionTime())
          .isEqualTo("2025-03-01T12:07:30Z");
    }
  }
}
