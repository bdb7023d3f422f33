package io.zkoam.scaler.plan;

import static io.zkoam.scaler.plan.Views.VERSION;
import static io.zkoam.scaler.plan.Views.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.zkoam.api.v1alpha1.ScalerTraitSpec;
import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import io.zkoam.api.v1alpha1.ServerRole;
import io.zkoam.api.v1alpha1.WorkloadRef;
import io.zkoam.scaler.plan.Plan.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure planner, decision by decision: (spec, observed ensemble, recorded step, time) to the next move. */
class ScalingPlannerTest {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final String NOW_TEXT = "2025-03-01T12:00:00Z";
  static final String EARLIER = "2025-03-01T11:58:00Z";

  private static Plan plan(ScalerTraitSpec spec, Views view, ScalingStep recorded) {
    return ScalingPlanner.plan(spec, false, view.build(), recorded, NOW);
  }

  private static ScalingStep step(Action action, int id, String before, String after) {
    return new ScalingStep(action, id, Views.pod(id), before, EARLIER, after);
  }

  private static ScalingStep step(Action action, int id) {
    return step(action, id, VERSION, null);
  }

  private static String name(ScalingStep step) {
    return step == null ? null : step.action() + "(" + step.serverId() + ")";
  }

  @Nested
  class Idle {
    @Test
    void atTargetThereIsNothingToDo() {
      Plan plan = plan(spec(3), Views.voters(1, 2, 3), null);
      assertThat(plan.kind()).isEqualTo(Kind.Idle);
      assertThat(plan.phase()).isEqualTo(Phase.Idle);
      assertThat(plan.step()).isNull();
      assertThat(plan.completed()).isNull();
      assertThat(plan.reason()).isEqualTo("TargetReached");
      assertThat(plan.message()).isEqualTo("3 voting members, as the spec asks");
    }

    @Test
    void aSingleVoterIsSpelledInTheSingular() {
      assertThat(plan(spec(1), Views.voters(1), null).message()).isEqualTo("1 voting member, as the spec asks");
    }

    @Test
    void atTargetIdleEvenWhileTheStatusIsBehindOrAVoterIsDown() {
      // Nothing to change: the gate guards changes only.
      assertThat(plan(spec(3), Views.voters(1, 2, 3).generations(8L, 7L), null).kind()).isEqualTo(Kind.Idle);
      assertThat(plan(spec(3), Views.voters(1, 2, 3).pod(2, false, VERSION), null).kind()).isEqualTo(Kind.Idle);
    }

    @Test
    void anUnformedEnsembleIsWaitedFor() {
      Plan plan = plan(spec(3), Views.unformed(3), null);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.phase()).isEqualTo(Phase.Idle);
      assertThat(plan.step()).isNull();
      assertThat(plan.reason()).isEqualTo("EnsembleForming");
      assertThat(plan.message()).contains("zk");
    }

    @Test
    void membersWithoutAVersionAreNotFormedEither() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).version(null), null);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.reason()).isEqualTo("EnsembleForming");
    }
  }

  @Nested
  class ScaleUp {
    @Test
    void threeToFiveStartsWithThePodOfServerFour() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3), null);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.phase()).isEqualTo(Phase.ScalingUp);
      assertThat(plan.reason()).isEqualTo("AddPod");
      assertThat(plan.completed()).isNull();
      assertThat(plan.step()).isEqualTo(new ScalingStep(Action.AddPod, 4, "zk-3", VERSION, NOW_TEXT, null));
      assertThat(plan.message()).isEqualTo("start server 4 (zk-3) as a non-voting follower");
    }

    @Test
    void stepStartTimeIsInWholeSeconds() {
      Plan plan = ScalingPlanner.plan(spec(5), false, Views.voters(1, 2, 3).build(), null,
          NOW.plusMillis(987));
      assertThat(plan.step().startedAt()).isEqualTo(NOW_TEXT);
    }

    @Test
    void addPodNotYetScaledIsTakenAgain() {
      ScalingStep recorded = step(Action.AddPod, 4);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.step()).isSameAs(recorded);
      assertThat(plan.completed()).isNull();
    }

    @Test
    void addPodScaledButPodNotReadyIsWaitedFor() {
      ScalingStep recorded = step(Action.AddPod, 4);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).pod(4, false, null), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.phase()).isEqualTo(Phase.ScalingUp);
      assertThat(plan.step()).isSameAs(recorded);
      assertThat(plan.reason()).isEqualTo("WaitingAddPod");
      assertThat(plan.message()).contains("zk-3", VERSION);
    }

    @Test
    void addPodScaledButPodMissingIsWaitedFor() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4), step(Action.AddPod, 4));
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.reason()).isEqualTo("WaitingAddPod");
    }

    @Test
    void addPodReadyOnAnOldConfigurationIsNotDoneYet() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).pod(4, true, "100000001"),
          step(Action.AddPod, 4));
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.completed()).isNull();
    }

    @Test
    void addPodReadyAndSyncedCompletesAndAddVoterFollows() {
      ScalingStep recorded = step(Action.AddPod, 4);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).readyPod(4), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.completed()).isSameAs(recorded);
      assertThat(plan.step()).isEqualTo(new ScalingStep(Action.AddVoter, 4, "zk-3", VERSION, NOW_TEXT, null));
      assertThat(plan.reason()).isEqualTo("AddVoter");
      assertThat(plan.phase()).isEqualTo(Phase.ScalingUp);
    }

    @Test
    void addVoterNotTakenYetIsTaken() {
      ScalingStep recorded = step(Action.AddVoter, 4);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).readyPod(4), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.step()).isSameAs(recorded);
      assertThat(plan.completed()).isNull();
      assertThat(plan.message()).isEqualTo("add server 4 (zk-3) as a voter");
    }

    @Test
    void addVoterTakenIsWaitedForUntilTheStatusShowsIt() {
      ScalingStep recorded = step(Action.AddVoter, 4, VERSION, "100000004");
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).readyPod(4), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.step()).isSameAs(recorded);
      assertThat(plan.reason()).isEqualTo("WaitingAddVoter");
      assertThat(plan.message()).contains("100000004", "server 4");
    }

    @Test
    void addVoterShownInStatusCompletesAndTheNextPodFollows() {
      ScalingStep recorded = step(Action.AddVoter, 4, VERSION, "100000004");
      Plan plan = plan(spec(5), Views.voters(1, 2, 3, 4).version("100000004"), recorded);
      assertThat(plan.completed()).isSameAs(recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.step()).isEqualTo(new ScalingStep(Action.AddPod, 5, "zk-4", "100000004", NOW_TEXT, null));
    }

    @Test
    void lastAddVoterCompletesIntoIdle() {
      ScalingStep recorded = step(Action.AddVoter, 5, "100000004", "100000005");
      Plan plan = plan(spec(5), Views.voters(1, 2, 3, 4, 5).version("100000005"), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Idle);
      assertThat(plan.completed()).isSameAs(recorded);
      assertThat(plan.step()).isNull();
      assertThat(plan.message()).startsWith("5 voting members");
    }

    @Test
    void aJoinerThatIsAlreadyRunningAndSyncedIsAddedWithoutScaling() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).readyPod(4), null);
      assertThat(name(plan.step())).isEqualTo("AddVoter(4)");
    }

    @Test
    void aJoinerThatLostItsSyncIsWaitedForBeforeTheReconfig() {
      ScalingStep recorded = step(Action.AddVoter, 4);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).pod(4, false, VERSION), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.step()).isSameAs(recorded);
      assertThat(plan.reason()).isEqualTo("JoinerNotSynced");
      assertThat(plan.message()).contains("zk-3");
    }

    @Test
    void fourVotersWithAllowEvenReplicasIsAccepted() {
      Plan plan = plan(new ScalerTraitSpec(WorkloadRef.to("zk"), 4, true, "10m"), Views.voters(1, 2, 3), null);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(name(plan.step())).isEqualTo("AddPod(4)");
    }

    @Test
    void aScaleSubresourceBelowTheVotersIsRaisedToThem() {
      // Voters 1..3 and spec.replicas 2 (someone scaled the workload by hand; it keeps voter pods running).
      Plan plan = plan(spec(3), Views.voters(1, 2, 3).specReplicas(2), null);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(name(plan.step())).isEqualTo("AddPod(3)");
    }
  }

  @Nested
  class ScaleDown {
    @Test
    void fiveToThreeRemovesTheHighestVoterFirst() {
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4, 5), null);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.phase()).isEqualTo(Phase.ScalingDown);
      assertThat(plan.step()).isEqualTo(new ScalingStep(Action.RemoveVoter, 5, "zk-4", VERSION, NOW_TEXT, null));
      assertThat(plan.message()).isEqualTo("remove server 5 (zk-4) from the ensemble");
    }

    @Test
    void fiveToThreeGoesVoterFivePodFiveVoterFourPodFour() {
      List<String> order = new ArrayList<>();

      // 1. five voters: remove voter 5
      Plan p1 = plan(spec(3), Views.voters(1, 2, 3, 4, 5), null);
      order.add(name(p1.step()));
      ScalingStep removeVoter5 = p1.step().taken("100000004");

      // taken, status not there yet: wait
      Plan waiting = plan(spec(3), Views.voters(1, 2, 3, 4, 5), removeVoter5);
      assertThat(waiting.kind()).isEqualTo(Kind.Wait);
      assertThat(waiting.reason()).isEqualTo("WaitingRemoveVoter");
      assertThat(waiting.phase()).isEqualTo(Phase.ScalingDown);

      // 2. server 5 gone from the members (its pod still runs, no longer serving): stop its pod
      Views afterVoter5 = Views.voters(1, 2, 3, 4, 5).withoutMember(5).version("100000004").pod(5, false, VERSION);
      Plan p2 = plan(spec(3), afterVoter5, removeVoter5);
      assertThat(p2.completed()).isSameAs(removeVoter5);
      assertThat(p2.kind()).isEqualTo(Kind.Act);
      order.add(name(p2.step()));
      ScalingStep removePod5 = p2.step();

      // scaled to 4, pod 5 terminating: wait
      Views terminating = Views.voters(1, 2, 3, 4).version("100000004").specReplicas(4).terminating(5);
      Plan podWait = plan(spec(3), terminating, removePod5);
      assertThat(podWait.kind()).isEqualTo(Kind.Wait);
      assertThat(podWait.reason()).isEqualTo("WaitingRemovePod");
      assertThat(podWait.message()).contains("zk-4");

      // 3. pod 5 gone: remove voter 4
      Plan p3 = plan(spec(3), Views.voters(1, 2, 3, 4).version("100000004"), removePod5);
      assertThat(p3.completed()).isSameAs(removePod5);
      order.add(name(p3.step()));
      ScalingStep removeVoter4 = p3.step().taken("100000005");
      assertThat(p3.step().configVersionBefore()).isEqualTo("100000004");

      // 4. server 4 gone: stop its pod
      Views afterVoter4 = Views.voters(1, 2, 3, 4).withoutMember(4).version("100000005").pod(4, false, VERSION);
      Plan p4 = plan(spec(3), afterVoter4, removeVoter4);
      assertThat(p4.completed()).isSameAs(removeVoter4);
      order.add(name(p4.step()));

      // 5. pod 4 gone: idle
      Plan p5 = plan(spec(3), Views.voters(1, 2, 3).version("100000005"), p4.step());
      assertThat(p5.kind()).isEqualTo(Kind.Idle);
      assertThat(p5.completed()).isSameAs(p4.step());

      assertThat(order).containsExactly("RemoveVoter(5)", "RemovePod(5)", "RemoveVoter(4)", "RemovePod(4)");
    }

    @Test
    void removePodNotYetScaledIsTakenAgain() {
      ScalingStep recorded = step(Action.RemovePod, 5);
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4).specReplicas(5).pod(5, true, VERSION), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.step()).isSameAs(recorded);
      assertThat(plan.message()).isEqualTo("stop server 5 (zk-4)'s pod");
    }

    @Test
    void removePodScaledWithThePodStillPresentIsWaitedFor() {
      ScalingStep recorded = step(Action.RemovePod, 5);
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4).specReplicas(4).pod(5, true, VERSION), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.reason()).isEqualTo("WaitingRemovePod");
    }

    @Test
    void aPodAboveTheTargetThatIsNoMemberGoesBeforeTheNextVoter() {
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4).specReplicas(5).pod(5, true, VERSION), null);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.phase()).isEqualTo(Phase.ScalingDown);
      assertThat(name(plan.step())).isEqualTo("RemovePod(5)");
    }

    @Test
    void anObserverAboveTheTargetIsRemovedFromTheEnsemble() {
      Plan plan = plan(spec(3), Views.voters(1, 2, 3).observer(4).readyPod(4).specReplicas(4), null);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(name(plan.step())).isEqualTo("RemoveVoter(4)");
      assertThat(plan.phase()).isEqualTo(Phase.ScalingDown);
    }

    @Test
    void aRemovedObserverIsDoneOnceNoLongerAMember() {
      ScalingStep recorded = step(Action.RemoveVoter, 4, VERSION, "100000004");
      Plan plan = plan(spec(3), Views.voters(1, 2, 3).version("100000004").specReplicas(4).pod(4, true,
          "100000004"), recorded);
      assertThat(plan.completed()).isSameAs(recorded);
      assertThat(name(plan.step())).isEqualTo("RemovePod(4)");
    }
  }

  @Nested
  class Drift {
    @Test
    void aPodIsNotStoppedWhileAMemberAboveItKeepsItRunning() {
      // voters {1,2,3,5}, spec.replicas 4 (someone scaled by hand and removed 4): voter 5 goes first, then pod 4.
      Views view = Views.voters(1, 2, 3, 5).specReplicas(4).noPod(4);
      Plan plan = plan(spec(3), view, null);
      assertThat(name(plan.step())).isEqualTo("RemoveVoter(5)");
      Plan next = plan(spec(3), Views.voters(1, 2, 3).specReplicas(4).readyPod(4).version("100000004"),
          plan.step().taken("100000004"));
      assertThat(name(next.completed())).isEqualTo("RemoveVoter(5)");
      assertThat(name(next.step())).isEqualTo("RemovePod(4)");
    }

    @Test
    void aRecordedPodRemovalWhoseServerIsAMemberAgainIsDropped() {
      ScalingStep removal = step(Action.RemovePod, 5);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3, 4, 5), removal);
      assertThat(plan.completed()).isNull();
      assertThat(plan.step()).isNotEqualTo(removal);
      assertThat(plan.kind()).isEqualTo(Kind.Idle);
    }

    @Test
    void votersOneTwoFourTargetThreeAddsThreeBeforeRemovingFour() {
      Plan plan = plan(spec(3), Views.voters(1, 2, 4).readyPod(3), null);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(name(plan.step())).isEqualTo("AddVoter(3)");

      Plan next = plan(spec(3), Views.voters(1, 2, 3, 4).version("100000004"),
          plan.step().taken("100000004"));
      assertThat(name(next.completed())).isEqualTo("AddVoter(3)");
      assertThat(name(next.step())).isEqualTo("RemoveVoter(4)");
    }

    @Test
    void aMissingVoterWhosePodIsNotSyncedIsWaitedForNotRemovedAround() {
      Plan plan = plan(spec(3), Views.voters(1, 2, 4).pod(3, false, null), null);
      assertThat(name(plan.step())).isEqualTo("AddPod(3)");
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      // spec.replicas already covers pod 3: waiting for it is all there is to do
      Plan again = plan(spec(3), Views.voters(1, 2, 4).pod(3, false, null), plan.step());
      assertThat(again.kind()).isEqualTo(Kind.Wait);
      assertThat(again.reason()).isEqualTo("WaitingAddPod");
    }

    @Test
    void anObserverWithinTheTargetIsMadeAVoter() {
      Plan plan = plan(spec(3), Views.voters(1, 2).observer(3).readyPod(3).specReplicas(3), null);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.step().action()).isEqualTo(Action.AddVoter);
      assertThat(plan.step().serverId()).isEqualTo(3);
    }
  }

  @Nested
  class Gates {
    @Test
    void noQuorumBlocksWithoutAStep() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).noQuorum(), null);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.phase()).isEqualTo(Phase.Blocked);
      assertThat(plan.step()).isNull();
      assertThat(plan.reason()).isEqualTo("NoQuorum");
      assertThat(plan.message()).contains("no quorum", "start server 4 (zk-3) as a non-voting follower");
    }

    @Test
    void aVoterNotReadyBlocksNamingItsPod() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).pod(2, false, VERSION), null);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.step()).isNull();
      assertThat(plan.reason()).isEqualTo("VoterNotReady");
      assertThat(plan.message()).contains("zk-1 (server 2) is not ready");
    }

    @Test
    void aVoterWithoutAPodBlocksToo() {
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4, 5).noPod(3), null);
      assertThat(plan.reason()).isEqualTo("VoterNotReady");
      assertThat(plan.message()).contains("zk-2 (server 3)");
    }

    @Test
    void twoVotersDownAreBothNamed() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).pod(1, false, VERSION).pod(3, false, VERSION), null);
      assertThat(plan.message()).contains("zk-0 (server 1), zk-2 (server 3) are not ready");
    }

    @Test
    void aStatusOfAnOlderGenerationIsWaitedFor() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).generations(8L, 7L), null);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.phase()).isEqualTo(Phase.ScalingUp);
      assertThat(plan.step()).isNull();
      assertThat(plan.reason()).isEqualTo("WaitingForWorkload");
      assertThat(plan.message()).contains("generation 8", "zk");
    }

    @Test
    void noObservedGenerationIsNotCurrent() {
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4, 5).generations(1L, null), null);
      assertThat(plan.reason()).isEqualTo("WaitingForWorkload");
      assertThat(plan.phase()).isEqualTo(Phase.ScalingDown);
    }

    @Test
    void aReadyPodOnAnotherConfigurationIsWaitedFor() {
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).pod(3, true, "100000002"), null);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.step()).isNull();
      assertThat(plan.reason()).isEqualTo("ConfigSpreading");
      assertThat(plan.message()).contains("zk-2 (server 3)", VERSION);
    }

    @Test
    void aGatedStepStillReportsTheStepThatCompleted() {
      ScalingStep recorded = step(Action.AddPod, 4);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).readyPod(4).pod(2, false, VERSION),
          recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.completed()).isSameAs(recorded);
      assertThat(plan.step()).isNull();
    }

    @Test
    void aRecordedReconfigIsBlockedByAVoterDownAndKept() {
      ScalingStep recorded = step(Action.AddVoter, 4);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).readyPod(4).pod(1, false, VERSION),
          recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isEqualTo("VoterNotReady");
      assertThat(plan.step()).isSameAs(recorded);
    }

    @Test
    void aRecordedReconfigIsBlockedWithoutQuorumAndKept() {
      ScalingStep recorded = step(Action.RemoveVoter, 5);
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4, 5).noQuorum(), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isEqualTo("NoQuorum");
      assertThat(plan.step()).isSameAs(recorded);
    }
  }

  @Nested
  class RecordedSteps {
    @Test
    void aReconfigStepOvertakenByAnotherVersionIsReplanned() {
      ScalingStep old = step(Action.AddVoter, 4, "100000001", null);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).readyPod(4), old);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.completed()).isNull();
      assertThat(plan.step()).isNotEqualTo(old);
      assertThat(plan.step()).isEqualTo(new ScalingStep(Action.AddVoter, 4, "zk-3", VERSION, NOW_TEXT, null));
    }

    @Test
    void aTakenReconfigOvertakenByANewerVersionIsReplanned() {
      ScalingStep old = step(Action.RemoveVoter, 5, "100000001", "100000002");
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4, 5), old);
      assertThat(plan.completed()).isNull();
      assertThat(plan.step()).isEqualTo(new ScalingStep(Action.RemoveVoter, 5, "zk-4", VERSION, NOW_TEXT, null));
    }

    @Test
    void aStatusLaggingBehindATakenReconfigIsWaitedFor() {
      ScalingStep taken = step(Action.RemoveVoter, 5, "100000002", "100000004");
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4, 5), taken);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.step()).isSameAs(taken);
    }

    @Test
    void aTimedOutStepBlocksAndIsKept() {
      ScalingStep stuck = new ScalingStep(Action.AddPod, 4, "zk-3", VERSION,
          Instant.parse(NOW_TEXT).minus(Duration.ofMinutes(11)).toString(), null);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).pod(4, false, null), stuck);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.phase()).isEqualTo(Phase.Blocked);
      assertThat(plan.reason()).isEqualTo("StepTimedOut");
      assertThat(plan.step()).isSameAs(stuck);
      assertThat(plan.message()).contains("10m", "start server 4 (zk-3)");
    }

    @Test
    void aTimedOutStepIsDroppedWhenTheSpecChanges() {
      ScalingStep stuck = new ScalingStep(Action.AddPod, 4, "zk-3", VERSION, "2025-03-01T11:40:00Z", null);
      EnsembleView view = Views.voters(1, 2, 3).specReplicas(4).pod(4, false, null).build();
      Plan plan = ScalingPlanner.plan(spec(3), true, view, stuck, NOW);
      // The user went back to 3: the stuck pod goes, starting afresh now.
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.step()).isEqualTo(new ScalingStep(Action.RemovePod, 4, "zk-3", VERSION, NOW_TEXT, null));
      assertThat(plan.completed()).isNull();
    }

    @Test
    void aTimedOutStepDroppedForTheSameTargetStartsAfresh() {
      ScalingStep stuck = new ScalingStep(Action.AddVoter, 4, "zk-3", VERSION, "2025-03-01T11:40:00Z", null);
      EnsembleView view = Views.voters(1, 2, 3).specReplicas(4).readyPod(4).build();
      Plan plan = ScalingPlanner.plan(spec(5), true, view, stuck, NOW);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
      assertThat(plan.step().startedAt()).isEqualTo(NOW_TEXT);
    }

    @Test
    void aReconfigNeverSentIsPlannedAfreshOnceTimedOutAndGatedAgain() {
      ScalingStep neverSent = new ScalingStep(Action.RemoveVoter, 5, "zk-4", VERSION, "2025-03-01T11:40:00Z", null);
      // A voter was down the whole time: the step is not kept Blocked for good, the gate speaks instead.
      Plan down = plan(spec(3), Views.voters(1, 2, 3, 4, 5).pod(2, false, VERSION), neverSent);
      assertThat(down.kind()).isEqualTo(Kind.Blocked);
      assertThat(down.reason()).isEqualTo("VoterNotReady");
      assertThat(down.step()).isNull();
      // The voter is back: the removal starts again, now.
      Plan back = plan(spec(3), Views.voters(1, 2, 3, 4, 5), neverSent);
      assertThat(back.kind()).isEqualTo(Kind.Act);
      assertThat(back.step()).isEqualTo(new ScalingStep(Action.RemoveVoter, 5, "zk-4", VERSION, NOW_TEXT, null));
    }

    @Test
    void aTakenReconfigPastItsTimeStaysBlocked() {
      ScalingStep taken = new ScalingStep(Action.RemoveVoter, 5, "zk-4", VERSION, "2025-03-01T11:40:00Z",
          "100000004");
      Plan plan = plan(spec(3), Views.voters(1, 2, 3, 4, 5), taken);
      assertThat(plan.reason()).isEqualTo("StepTimedOut");
      assertThat(plan.step()).isSameAs(taken);
    }

    @Test
    void aSpecChangeDoesNotDropAStepStillInTime() {
      ScalingStep inTime = step(Action.AddPod, 4);
      Plan plan = ScalingPlanner.plan(spec(3), true, Views.voters(1, 2, 3).specReplicas(4).pod(4, false, null)
          .build(), inTime, NOW);
      assertThat(plan.step()).isSameAs(inTime);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
    }

    @Test
    void aFinishedStepIsNotTimedOut() {
      ScalingStep old = new ScalingStep(Action.AddPod, 4, "zk-3", VERSION, "2025-03-01T10:00:00Z", null);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).readyPod(4), old);
      assertThat(plan.completed()).isSameAs(old);
      assertThat(plan.kind()).isEqualTo(Kind.Act);
    }

    @Test
    void theTimeoutIsTheSpecsOwn() {
      ScalingStep started = new ScalingStep(Action.AddPod, 4, "zk-3", VERSION, "2025-03-01T11:59:00Z", null);
      Views view = Views.voters(1, 2, 3).specReplicas(4).pod(4, false, null);
      assertThat(plan(new ScalerTraitSpec(WorkloadRef.to("zk"), 5, false, "30s"), view, started).reason())
          .isEqualTo("StepTimedOut");
      assertThat(plan(new ScalerTraitSpec(WorkloadRef.to("zk"), 5, false, "90s"), view, started).reason())
          .isEqualTo("WaitingAddPod");
    }

    @Test
    void anUnreadableStartTimeNeverTimesOut() {
      ScalingStep odd = new ScalingStep(Action.AddPod, 4, "zk-3", VERSION, "yesterday", null);
      Plan plan = plan(spec(5), Views.voters(1, 2, 3).specReplicas(4).pod(4, false, null), odd);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
    }
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("0 voters", new ScalerTraitSpec(WorkloadRef.to("zk"), 0, false, "10m")),
        Arguments.of("2 voters", new ScalerTraitSpec(WorkloadRef.to("zk"), 2, true, "10m")),
        Arguments.of("4 voters unflagged", new ScalerTraitSpec(WorkloadRef.to("zk"), 4, false, "10m")),
        Arguments.of("10 voters", new ScalerTraitSpec(WorkloadRef.to("zk"), 10, true, "10m")),
        Arguments.of("no replicas", new ScalerTraitSpec(WorkloadRef.to("zk"), null, false, "10m")),
        Arguments.of("unparseable timeout", new ScalerTraitSpec(WorkloadRef.to("zk"), 3, false, "soon")),
        Arguments.of("zero timeout", new ScalerTraitSpec(WorkloadRef.to("zk"), 3, false, "0s")),
        Arguments.of("no spec", null));
  }

  @Nested
  class RefusedSpecs {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.zkoam.scaler.plan.ScalingPlannerTest#refused")
    void isBlockedAndKeepsTheRecordedStep(String what, ScalerTraitSpec spec) {
      ScalingStep recorded = step(Action.AddVoter, 4, VERSION, "100000004");
      Plan plan = plan(spec, Views.voters(1, 2, 3).specReplicas(4).readyPod(4), recorded);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.phase()).isEqualTo(Phase.Blocked);
      assertThat(plan.reason()).isEqualTo("InvalidSpec");
      assertThat(plan.step()).isSameAs(recorded);
      assertThat(plan.completed()).isNull();
      assertThat(plan.message()).endsWith("; nothing is changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.zkoam.scaler.plan.ScalingPlannerTest#refused")
    void isBlockedWithoutAStepWhenNoneIsRecorded(String what, ScalerTraitSpec spec) {
      Plan plan = plan(spec, Views.voters(1, 2, 3), null);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isEqualTo("InvalidSpec");
      assertThat(plan.step()).isNull();
    }
  }

  @Nested
  class Describe {
    @Test
    void wordingOfTheFourActions() {
      assertThat(ScalingPlanner.describe(step(Action.AddPod, 4)))
          .isEqualTo("start server 4 (zk-3) as a non-voting follower");
      assertThat(ScalingPlanner.describe(step(Action.AddVoter, 4))).isEqualTo("add server 4 (zk-3) as a voter");
      assertThat(ScalingPlanner.describe(step(Action.RemoveVoter, 5)))
          .isEqualTo("remove server 5 (zk-4) from the ensemble");
      assertThat(ScalingPlanner.describe(step(Action.RemovePod, 5))).isEqualTo("stop server 5 (zk-4)'s pod");
    }
  }

  /** Whole journeys: the planner driven against a small model of the workload that does what each step asks. */
  @Nested
  class Journeys {
    @Test
    void oneToThreeAddsAPodThenItsVoterEachTime() {
      World world = new World(1);
      assertThat(world.runTo(3)).containsExactly("AddPod(2)", "AddVoter(2)", "AddPod(3)", "AddVoter(3)");
      assertThat(world.members).containsOnlyKeys(1, 2, 3);
    }

    @Test
    void threeToFiveAndBack() {
      World world = new World(3);
      assertThat(world.runTo(5)).containsExactly("AddPod(4)", "AddVoter(4)", "AddPod(5)", "AddVoter(5)");
      assertThat(world.runTo(3)).containsExactly("RemoveVoter(5)", "RemovePod(5)", "RemoveVoter(4)", "RemovePod(4)");
      assertThat(world.specReplicas).isEqualTo(3);
    }

    @Test
    void threeToOneNeverLeavesAnEvenStepUnfinished() {
      World world = new World(3);
      assertThat(world.runTo(1)).containsExactly("RemoveVoter(3)", "RemovePod(3)", "RemoveVoter(2)", "RemovePod(2)");
    }

    @Test
    void driftedMembershipIsRepairedAddingFirst() {
      World world = new World(0);
      world.members.put(1, ServerRole.participant);
      world.members.put(2, ServerRole.participant);
      world.members.put(4, ServerRole.participant);
      world.specReplicas = 4;
      assertThat(world.runTo(3)).containsExactly("AddVoter(3)", "RemoveVoter(4)", "RemovePod(4)");
      assertThat(world.minVoters).isEqualTo(3);
    }

    @Test
    void observersAreMadeVotersOrRemoved() {
      World world = new World(0);
      world.members.put(1, ServerRole.participant);
      world.members.put(2, ServerRole.observer);
      world.members.put(3, ServerRole.participant);
      world.members.put(4, ServerRole.observer);
      world.specReplicas = 4;
      assertThat(world.runTo(3)).containsExactly("AddVoter(2)", "RemoveVoter(4)", "RemovePod(4)");
    }
  }

  /**
   * A workload that does what the steps ask at once: scaling creates or deletes pods (ready, synced), a reconfig
   * commits a new version that every pod takes.
   */
  static final class World {
    final Map<Integer, ServerRole> members = new TreeMap<>();
    int specReplicas;
    long version = 0x100000003L;
    int minVoters = Integer.MAX_VALUE;

    World(int voters) {
      for (int id = 1; id <= voters; id++) {
        members.put(id, ServerRole.participant);
      }
      specReplicas = voters;
    }

    EnsembleView view() {
      Views v = Views.voters().version(Long.toHexString(version)).specReplicas(specReplicas);
      members.forEach(v::member);
      Set<Integer> pods = new TreeSet<>(members.keySet());
      for (int id = 1; id <= specReplicas; id++) {
        pods.add(id);
      }
      pods.forEach(v::readyPod);
      return v.build();
    }

    List<String> runTo(int target) {
      List<String> taken = new ArrayList<>();
      ScalingStep recorded = null;
      Instant now = NOW;
      for (int i = 0; i < 40; i++) {
        now = now.plusSeconds(5);
        EnsembleView view = view();
        Plan plan = ScalingPlanner.plan(spec(target), false, view, recorded, now);
        if (recorded != null) {
          assertThat(plan.completed()).as("completion of %s", recorded).isEqualTo(recorded);
        }
        minVoters = Math.min(minVoters, view.voters().size());
        if (plan.kind() == Kind.Idle) {
          return taken;
        }
        assertThat(plan.kind()).as("plan %s", plan).isEqualTo(Kind.Act);
        assertThat(plan.step().configVersionBefore()).isEqualTo(view.configVersion());
        taken.add(name(plan.step()));
        recorded = apply(plan.step());
      }
      return fail("no idle after 40 steps: " + taken);
    }

    private ScalingStep apply(ScalingStep step) {
      int id = step.serverId();
      switch (step.action()) {
        case AddPod -> specReplicas = id;
        case RemovePod -> specReplicas = id - 1;
        case AddVoter -> members.put(id, ServerRole.participant);
        case RemoveVoter -> members.remove(id);
      }
      if (ScalingPlanner.isReconfig(step.action())) {
        version++;
        return step.taken(Long.toHexString(version));
      }
      return step;
    }
  }
}
