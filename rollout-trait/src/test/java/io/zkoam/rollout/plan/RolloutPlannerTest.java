package io.zkoam.rollout.plan;

import static io.zkoam.rollout.plan.Views.CONFIG;
import static io.zkoam.rollout.plan.Views.NEW;
import static io.zkoam.rollout.plan.Views.spec;
import static io.zkoam.rollout.plan.Views.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.rollout.plan.RolloutView.PodState;
import io.zkoam.api.v1alpha1.RolloutTraitSpec;
import io.zkoam.api.v1alpha1.RolloutTraitStatus;
import io.zkoam.api.v1alpha1.RolloutTraitStatus.Phase;
import io.zkoam.rollout.plan.RolloutPlan.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure planner, decision by decision: (spec, observed pods, recorded deletions, time) to the next move. */
class RolloutPlannerTest {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final String NOW_TEXT = "2025-03-01T12:00:00Z";
  static final String EARLIER = "2025-03-01T11:58:00Z";
  /** After the original pods were created, before NOW. */
  static final String RESTART_AT = "2025-03-01T11:00:00Z";
  static final Instant AFTER_RESTART_AT = Instant.parse("2025-03-01T11:30:00Z");

  private static RolloutPlan plan(RolloutTraitSpec spec, Views view, RolloutTraitStatus status) {
    return RolloutPlanner.plan(spec, false, view.build(), status, NOW);
  }

  private static RolloutPlan plan(Views view, RolloutTraitStatus status) {
    return plan(spec(), view, status);
  }

  /** A status recording these deletions in flight. */
  private static RolloutTraitStatus recorded(String lastPodReadyAt, String restartAtApplied, RolloutStep... steps) {
    List<RolloutStep> list = List.of(steps);
    return new RolloutTraitStatus(1L, Phase.Rolling, NEW, List.of(), list.stream().map(RolloutStep::pod).toList(),
        list, 0, 3, 0, "zk-1", lastPodReadyAt, restartAtApplied, List.of());
  }

  private static RolloutTraitStatus recorded(RolloutStep... steps) {
    return recorded(null, null, steps);
  }

  /** The deletion of the first incarnation of pod zk-{ordinal}, decided at {@code startedAt}. */
  private static RolloutStep step(int ordinal, String startedAt) {
    return new RolloutStep(Views.pod(ordinal), uid(ordinal, 0), RolloutPlanner.NEW_REVISION, startedAt);
  }

  private static RolloutStep newStep(int ordinal, String reason) {
    return new RolloutStep(Views.pod(ordinal), uid(ordinal, 0), reason, NOW_TEXT);
  }

  private static List<String> pods(List<RolloutStep> steps) {
    return steps.stream().map(RolloutStep::pod).toList();
  }

  @Nested
  class NothingToDo {
    @Test
    void everyPodOnTheUpdateRevisionIsDoneAndComplete() {
      RolloutPlan plan = plan(Views.onNew(3, 1), null);
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.phase()).isEqualTo(Phase.Complete);
      assertThat(plan.steps()).isEmpty();
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.finished()).isEmpty();
      assertThat(plan.order()).isEmpty();
      assertThat(plan.updated()).isEqualTo(3);
      assertThat(plan.total()).isEqualTo(3);
      assertThat(plan.reason()).isEqualTo("AllPodsUpdated");
      assertThat(plan.message()).isEqualTo("every pod runs revision new");
      assertThat(plan.restartAtApplied()).isNull();
      assertThat(plan.lastPodReadyAt()).isNull();
    }

    @Test
    void podsBelowThePartitionStayOldAndTheRolloutIsIdle() {
      RolloutPlan plan = plan(spec(2, 1, false, "10m", "0s", null), Views.onOld(3, 1).revision(2, NEW), null);
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.phase()).isEqualTo(Phase.Idle);
      assertThat(plan.reason()).isEqualTo("PartitionHolds");
      assertThat(plan.message()).isEqualTo("pods below partition 2 stay on their revision");
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.updated()).isEqualTo(1);
      assertThat(plan.total()).isEqualTo(3);
    }

    @Test
    void donePublishesWhatTheStatusHadRecorded() {
      RolloutPlan plan = plan(Views.onNew(3, 1), recorded(EARLIER, "2025-02-01T00:00:00Z"));
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.lastPodReadyAt()).isEqualTo(EARLIER);
      assertThat(plan.restartAtApplied()).isEqualTo("2025-02-01T00:00:00Z");
    }

    @Test
    void noUpdateRevisionYetWaitsForTheWorkload() {
      RolloutStep inFlight = step(2, EARLIER);
      RolloutPlan plan = plan(Views.onOld(3, 1).updateRevision(null), recorded(inFlight));
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.phase()).isEqualTo(Phase.Idle);
      assertThat(plan.reason()).isEqualTo("WaitingForWorkload");
      assertThat(plan.message()).isEqualTo("the workload controller reports no revision of zk yet");
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.steps()).containsExactly(inFlight);
      assertThat(plan.updated()).isZero();
    }

    @Test
    void anEmptyWorkloadIsDone() {
      RolloutPlan plan = plan(Views.onOld(0, 0), null);
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.total()).isZero();
    }
  }

  @Nested
  class Order {
    @Test
    void theFirstDeletionIsTheHighestOrdinalFollower() {
      RolloutPlan plan = plan(Views.onOld(3, 1), null);
      RolloutStep expected = new RolloutStep("zk-2", "uid-zk-2", "NewRevision", NOW_TEXT);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(plan.phase()).isEqualTo(Phase.Rolling);
      assertThat(plan.delete()).containsExactly(expected);
      assertThat(plan.steps()).containsExactly(expected);
      assertThat(plan.finished()).isEmpty();
      assertThat(plan.order()).containsExactly("zk-2", "zk-0", "zk-1");
      assertThat(plan.reason()).isEqualTo("Restarting");
      assertThat(plan.message()).isEqualTo("restart zk-2 (follower) onto revision new");
      assertThat(plan.updated()).isZero();
      assertThat(plan.total()).isEqualTo(3);
      assertThat(plan.lastPodReadyAt()).isNull();
    }

    @Test
    void stepStartTimeIsInWholeSeconds() {
      RolloutPlan plan = RolloutPlanner.plan(spec(), false, Views.onOld(3, 1).build(), null, NOW.plusMillis(987));
      assertThat(plan.delete()).extracting(RolloutStep::startedAt).containsExactly(NOW_TEXT);
    }

    @Test
    void theLeaderIsLast() {
      assertThat(plan(Views.onOld(5, 4), null).order()).containsExactly("zk-3", "zk-2", "zk-1", "zk-0", "zk-4");
      assertThat(plan(Views.onOld(5, 0), null).order()).containsExactly("zk-4", "zk-3", "zk-2", "zk-1", "zk-0");
      assertThat(plan(Views.onOld(5, 2), null).order()).containsExactly("zk-4", "zk-3", "zk-1", "zk-0", "zk-2");
    }

    @Test
    void aPodThatIsNotReadyGoesBeforeAnyServingOne() {
      RolloutPlan plan = plan(Views.onOld(3, 1).notReady(0), null);
      assertThat(plan.order()).containsExactly("zk-0", "zk-2", "zk-1");
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(plan.delete()).containsExactly(newStep(0, "NewRevision"));
      assertThat(plan.message()).isEqualTo("restart zk-0 (not-serving) onto revision new");
    }

    @Test
    void aReadyPodWhoseServerDoesNotServeGoesFirstToo() {
      assertThat(plan(Views.onOld(3, 1).mode(0, "not-serving"), null).order()).containsExactly("zk-0", "zk-2", "zk-1");
      assertThat(plan(Views.onOld(3, 1).mode(0, "unknown"), null).order()).containsExactly("zk-0", "zk-2", "zk-1");
      assertThat(plan(Views.onOld(3, 1).unobserved(0), null).order()).containsExactly("zk-0", "zk-2", "zk-1");
    }

    @Test
    void podsThatDoNotServeAreTakenFromTheHighestOrdinalDown() {
      RolloutPlan plan = plan(Views.onOld(5, 2).notReady(0).notReady(3), null);
      assertThat(plan.order()).containsExactly("zk-3", "zk-0", "zk-4", "zk-1", "zk-2");
      assertThat(pods(plan.delete())).containsExactly("zk-3");
    }

    @Test
    void observersAndNonVotingPodsFollowTheOrdinalsLikeFollowers() {
      RolloutPlan plan = plan(Views.onOld(5, 0).observer(3).voters(1, 2, 3), null);
      assertThat(plan.order()).containsExactly("zk-4", "zk-3", "zk-2", "zk-1", "zk-0");
      assertThat(pods(plan.delete())).containsExactly("zk-4");
      assertThat(plan(Views.onOld(4, 1).observer(3), null).message())
          .isEqualTo("restart zk-3 (observer) onto revision new");
    }

    @Test
    void podsOnTheUpdateRevisionAreLeftAlone() {
      RolloutPlan plan = plan(Views.onOld(3, 1).recreated(2, AFTER_RESTART_AT), null);
      assertThat(plan.order()).containsExactly("zk-0", "zk-1");
      assertThat(plan.updated()).isEqualTo(1);
    }

    @Test
    void aPodWithoutARevisionLabelIsRestarted() {
      assertThat(plan(Views.onNew(3, 1).revision(0, null), null).order()).containsExactly("zk-0");
    }

    @Test
    void aPodTerminatingOnItsOwnIsNotInTheOrderAndCountsAsAway() {
      RolloutPlan plan = plan(Views.onOld(3, 1).terminating(2), null);
      assertThat(plan.order()).containsExactly("zk-0", "zk-1");
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isEqualTo("TooManyUnavailable");
      assertThat(plan.delete()).isEmpty();
    }
  }

  @Nested
  class InFlight {
    @Test
    void aRecordedDeletionWhosePodIsStillTheSameObjectIsTakenAgain() {
      // The controller recorded zk-2 and crashed before (or while) deleting it.
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(Views.onOld(3, 1), recorded(recorded));
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(plan.phase()).isEqualTo(Phase.Rolling);
      assertThat(plan.delete()).containsExactly(recorded);
      assertThat(plan.steps()).containsExactly(recorded);
      assertThat(plan.finished()).isEmpty();
      assertThat(plan.message()).isEqualTo("deleting zk-2");
      assertThat(plan.order()).containsExactly("zk-0", "zk-1");
    }

    @Test
    void aRecreatedPodStillDescribedByTheOldPodsObservationIsNotBackYet() {
      // The workload status is one poll old: it still shows the deleted zk-2 (revision old) under the same name.
      RolloutStep recorded = step(2, EARLIER);
      Views view = Views.onOld(3, 1).recreated(2, NOW);
      PodState fresh = view.build().pods().get("zk-2");
      view = view.revision(2, fresh.revision());
      RolloutView stale = new RolloutView(view.build().cluster(), view.build().updateRevision(),
          view.build().configVersion(), view.build().leader(), true, view.build().voters(),
          withObservationRevision(view.build().pods(), "zk-2", Views.OLD));
      RolloutPlan plan = RolloutPlanner.plan(Views.spec(), false, stale, recorded(recorded), NOW);
      assertThat(plan.finished()).isEmpty();
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
    }

    private static java.util.Map<String, PodState> withObservationRevision(java.util.Map<String, PodState> pods,
        String name, String revision) {
      java.util.Map<String, PodState> copy = new java.util.HashMap<>(pods);
      PodState p = copy.get(name);
      io.zkoam.api.v1alpha1.PodObservation o = p.observation();
      copy.put(name, new PodState(p.name(), p.ordinal(), p.uid(), p.created(), p.terminating(), p.ready(),
          p.revision(), new io.zkoam.api.v1alpha1.PodObservation(o.name(), o.serverId(), revision, o.ready(),
              o.mode(), o.voter(), o.configVersion())));
      return copy;
    }

    @Test
    void aRecordedDeletionNotTakenYetIsNotTakenWhenTheQuorumWouldNotSurviveIt() {
      // zk-2 was recorded while all three voters served; the controller crashed before deleting it, and meanwhile
      // zk-0 went down. Deleting zk-2 now leaves the leader alone: 1 of 3 voters, no quorum. The issue: "before each
      // deletion the ensemble must have a quorum that survives it" - a deletion taken again is a deletion.
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(Views.onOld(3, 1).revision(0, NEW).notReady(0), recorded(recorded));
      assertThat(plan.delete()).as("deletions with zk-0 down and zk-2 still serving").isEmpty();
      assertThat(plan.steps()).containsExactly(recorded);
    }

    @Test
    void aRecordedPodThatIsTerminatingIsWaitedForNotDeletedAgain() {
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(Views.onOld(3, 1).terminating(2), recorded(recorded));
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.steps()).containsExactly(recorded);
      assertThat(plan.reason()).isEqualTo("WaitingForPod");
    }

    static Stream<Arguments> notBackYet() {
      return Stream.of(
          Arguments.of("pod gone", (UnaryOperator<Views>) v -> v.noPod(2)),
          Arguments.of("recreated, not Ready", (UnaryOperator<Views>) v -> v.recreated(2, NOW).notReady(2)),
          Arguments.of("recreated, Ready, not serving", (UnaryOperator<Views>)
              v -> v.recreated(2, NOW).mode(2, "not-serving")),
          Arguments.of("recreated, not observed", (UnaryOperator<Views>) v -> v.recreated(2, NOW).unobserved(2)),
          Arguments.of("recreated, on an old configuration", (UnaryOperator<Views>)
              v -> v.recreated(2, NOW).onConfig(2, "100000001")),
          Arguments.of("recreated, terminating again", (UnaryOperator<Views>)
              v -> v.recreated(2, NOW).terminating(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notBackYet")
    void aPodNotBackAndSyncedIsWaitedForAndNothingElseIsDeleted(String name, UnaryOperator<Views> state) {
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(state.apply(Views.onOld(3, 1)), recorded(recorded));
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.phase()).isEqualTo(Phase.Rolling);
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.steps()).containsExactly(recorded);
      assertThat(plan.finished()).isEmpty();
      assertThat(plan.reason()).isEqualTo("WaitingForPod");
      assertThat(plan.message()).isEqualTo("waiting for zk-2 to be back, ready and synced");
      assertThat(plan.order()).containsExactly("zk-0", "zk-1");
      assertThat(plan.lastPodReadyAt()).isNull();
    }

    @Test
    void aRestartedControllerNeverDeletesASecondPodWhileTheFirstIsAway() {
      // Even with every other pod healthy and the recorded pod on the new revision already.
      RolloutStep recorded = step(2, EARLIER);
      for (Views view : List.of(Views.onOld(3, 1).noPod(2), Views.onOld(3, 1).recreated(2, NOW).notReady(2),
          Views.onOld(5, 1).recreated(2, NOW).onConfig(2, "100000001"))) {
        RolloutPlan plan = plan(view, recorded(recorded));
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.steps()).containsExactly(recorded);
      }
    }

    @Test
    void aPodBackAndSyncedFinishesAndTheNextDeletionIsPlannedInTheSameLook() {
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(Views.onOld(3, 1).recreated(2, NOW), recorded(recorded));
      assertThat(plan.finished()).containsExactly(recorded);
      assertThat(plan.lastPodReadyAt()).isEqualTo(NOW_TEXT);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      RolloutStep next = newStep(0, "NewRevision");
      assertThat(plan.delete()).containsExactly(next);
      assertThat(plan.steps()).containsExactly(next);
      assertThat(plan.order()).containsExactly("zk-0", "zk-1");
      assertThat(plan.updated()).isEqualTo(1);
    }

    @Test
    void theLastPodBackCompletesTheRollout() {
      RolloutStep leader = step(1, EARLIER);
      RolloutPlan plan = plan(Views.onOld(3, 0).recreated(2, NOW).recreated(0, NOW).recreated(1, NOW),
          recorded(leader));
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.phase()).isEqualTo(Phase.Complete);
      assertThat(plan.finished()).containsExactly(leader);
      assertThat(plan.steps()).isEmpty();
      assertThat(plan.lastPodReadyAt()).isEqualTo(NOW_TEXT);
    }

    @Test
    void aRecordedPodBackButOnTheOldConfigurationIsNotFinished() {
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(Views.onOld(3, 1).recreated(2, NOW).configVersion("100000009"), recorded(recorded));
      assertThat(plan.finished()).isEmpty();
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
    }
  }

  @Nested
  class PauseBetweenPods {
    private final RolloutTraitSpec oneMinute = spec(0, 1, false, "10m", "1m", null);

    @Test
    void theNextDeletionWaitsUntilThePauseHasRun() {
      RolloutPlan plan = plan(oneMinute, Views.onOld(3, 1).recreated(2, NOW), recorded("2025-03-01T11:59:30Z", null));
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.phase()).isEqualTo(Phase.Rolling);
      assertThat(plan.reason()).isEqualTo("PauseBetweenPods");
      assertThat(plan.message()).isEqualTo("pauseBetweenPods 1m: the next pod goes at 2025-03-01T12:00:30Z");
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.steps()).isEmpty();
      assertThat(plan.order()).containsExactly("zk-0", "zk-1");
      assertThat(plan.lastPodReadyAt()).isEqualTo("2025-03-01T11:59:30Z");
    }

    @Test
    void aPodBackInThisLookStartsThePause() {
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(oneMinute, Views.onOld(3, 1).recreated(2, NOW), recorded(recorded));
      assertThat(plan.finished()).containsExactly(recorded);
      assertThat(plan.lastPodReadyAt()).isEqualTo(NOW_TEXT);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.reason()).isEqualTo("PauseBetweenPods");
      assertThat(plan.message()).endsWith("the next pod goes at 2025-03-01T12:01:00Z");
      assertThat(plan.steps()).isEmpty();
    }

    @Test
    void thePauseReleasesTheNextDeletionOnceOver() {
      for (String lastReady : List.of("2025-03-01T11:59:00Z", "2025-03-01T11:40:00Z")) {
        RolloutPlan plan = plan(oneMinute, Views.onOld(3, 1).recreated(2, NOW), recorded(lastReady, null));
        assertThat(plan.kind()).as(lastReady).isEqualTo(Kind.Delete);
        assertThat(plan.delete()).containsExactly(newStep(0, "NewRevision"));
        assertThat(plan.lastPodReadyAt()).isEqualTo(lastReady);
      }
    }

    @Test
    void withoutAPauseTheNextPodGoesRightAway() {
      RolloutPlan plan = plan(Views.onOld(3, 1).recreated(2, NOW), recorded(NOW_TEXT, null));
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
    }
  }

  @Nested
  class Paused {
    private final RolloutTraitSpec paused = spec(0, 1, true, "10m", "0s", null);

    @Test
    void nothingIsDeletedWhilePaused() {
      RolloutPlan plan = plan(paused, Views.onOld(3, 1), null);
      assertThat(plan.kind()).isEqualTo(Kind.Paused);
      assertThat(plan.phase()).isEqualTo(Phase.Paused);
      assertThat(plan.reason()).isEqualTo("Paused");
      assertThat(plan.message()).isEqualTo("spec.paused: 3 pod(s) wait");
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.steps()).isEmpty();
      assertThat(plan.order()).containsExactly("zk-2", "zk-0", "zk-1");
    }

    @Test
    void aPodInFlightStaysListedAndIsWaitedFor() {
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(paused, Views.onOld(3, 1).recreated(2, NOW).notReady(2), recorded(recorded));
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.phase()).isEqualTo(Phase.Paused);
      assertThat(plan.steps()).containsExactly(recorded);
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.message()).isEqualTo("spec.paused: zk-2 still coming back; 2 pod(s) wait");
    }

    @Test
    void aPodInFlightStillCompletesButTheNextOneWaits() {
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(paused, Views.onOld(3, 1).recreated(2, NOW), recorded(recorded));
      assertThat(plan.finished()).containsExactly(recorded);
      assertThat(plan.lastPodReadyAt()).isEqualTo(NOW_TEXT);
      assertThat(plan.kind()).isEqualTo(Kind.Paused);
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.steps()).isEmpty();
    }

    @Test
    void aRecordedDeletionNotTakenYetIsStillTaken() {
      // The spec says the pod in flight still completes: it is in status, so a controller may have deleted it.
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(paused, Views.onOld(3, 1), recorded(recorded));
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(plan.delete()).containsExactly(recorded);
    }

    @Test
    void aPausedRolloutWithNothingLeftIsDone() {
      assertThat(plan(paused, Views.onNew(3, 1), null).kind()).isEqualTo(Kind.Done);
    }
  }

  @Nested
  class PodReadyTimeout {
    /** Started 10 minutes and 1 second ago: over the default podReadyTimeout of 10m. */
    private final RolloutStep late = step(2, "2025-03-01T11:49:59Z");

    @Test
    void aPodNotBackInTimeBlocksTheRolloutAndKeepsItsStep() {
      RolloutPlan plan = plan(Views.onOld(3, 1).recreated(2, NOW).notReady(2), recorded(late));
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.phase()).isEqualTo(Phase.Blocked);
      assertThat(plan.reason()).isEqualTo("PodNotReady");
      assertThat(plan.message()).isEqualTo("zk-2 did not come back ready within 10m: its pod is not Ready. "
          + "Nothing else is restarted until it is back or the spec changes");
      assertThat(plan.steps()).containsExactly(late);
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.order()).containsExactly("zk-0", "zk-1");
    }

    @Test
    void exactlyAtTheTimeoutItIsStillWaitedFor() {
      RolloutStep onTheDot = step(2, "2025-03-01T11:50:00Z");
      RolloutPlan plan = plan(Views.onOld(3, 1).recreated(2, NOW).notReady(2), recorded(onTheDot));
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.reason()).isEqualTo("WaitingForPod");
    }

    @Test
    void theTimeoutIsTheSpecs() {
      RolloutTraitSpec spec = spec(0, 1, false, "90s", "0s", null);
      RolloutPlan plan = plan(spec, Views.onOld(3, 1).recreated(2, NOW).notReady(2), recorded(step(2, EARLIER)));
      assertThat(plan.reason()).isEqualTo("PodNotReady");
      assertThat(plan.message()).startsWith("zk-2 did not come back ready within 90s: ");
    }

    static Stream<Arguments> why() {
      return Stream.of(
          Arguments.of((UnaryOperator<Views>) v -> v.noPod(2), "its pod does not exist"),
          Arguments.of((UnaryOperator<Views>) v -> v.recreated(2, NOW).mode(2, "not-serving"),
              "its server does not serve (mode not-serving)"),
          Arguments.of((UnaryOperator<Views>) v -> v.recreated(2, NOW).unobserved(2),
              "its server does not serve (mode unknown)"),
          Arguments.of((UnaryOperator<Views>) v -> v.recreated(2, NOW).onConfig(2, "100000001"),
              "its server has configuration 100000001, not the committed " + CONFIG));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("why")
    void theMessageSaysWhyThePodIsNotBack(UnaryOperator<Views> state, String why) {
      RolloutPlan plan = plan(state.apply(Views.onOld(3, 1)), recorded(late));
      assertThat(plan.reason()).isEqualTo("PodNotReady");
      assertThat(plan.message()).contains("within 10m: " + why + ". Nothing else");
    }

    @Test
    void aLatePodThatCameBackFinishesInsteadOfBlocking() {
      RolloutPlan plan = plan(Views.onOld(3, 1).recreated(2, NOW), recorded(late));
      assertThat(plan.finished()).containsExactly(late);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
    }

    @Test
    void aLateDeletionNeverTakenIsNotTakenAgain() {
      RolloutPlan plan = plan(Views.onOld(3, 1), recorded(late));
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isEqualTo("PodNotReady");
      assertThat(plan.delete()).isEmpty();
    }

    @Test
    void theMessageForALateDeletionNeverTakenDoesNotContradictItself() {
      // zk-2 is still the object recorded for deletion (say the delete was refused): Ready, serving, synced. The
      // Blocked message must not claim it holds another configuration than the committed one.
      RolloutPlan plan = plan(Views.onOld(3, 1), recorded(late));
      assertThat(plan.message()).startsWith("zk-2 did not come back ready within 10m: ")
          .doesNotContain("its server has configuration " + CONFIG + ", not the committed " + CONFIG);
    }

    @Test
    void aPausedRolloutStillReportsTheLatePod() {
      RolloutPlan plan = plan(spec(0, 1, true, "10m", "0s", null), Views.onOld(3, 1).recreated(2, NOW).notReady(2),
          recorded(late));
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isEqualTo("PodNotReady");
    }

    @Test
    void aSpecChangeDropsTheTimedOutStep() {
      RolloutPlan plan = RolloutPlanner.plan(spec(), true, Views.onOld(3, 1).recreated(2, NOW).notReady(2).build(),
          recorded(late), NOW);
      assertThat(plan.steps()).doesNotContain(late);
      assertThat(plan.reason()).isNotEqualTo("PodNotReady");
      // The pod still does not serve: the gate counts it as away, so nothing is deleted with maxUnavailable 1.
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isEqualTo("TooManyUnavailable");
      assertThat(plan.delete()).isEmpty();
    }

    @Test
    void afterASpecChangeTheRolloutGoesOnWhenTheGateAllows() {
      // Serving but stuck on an old configuration: not synced (so the step timed out), yet not away.
      RolloutPlan plan = RolloutPlanner.plan(spec(), true,
          Views.onOld(3, 1).recreated(2, NOW).onConfig(2, "100000001").build(), recorded(late), NOW);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(plan.steps()).containsExactly(newStep(0, "NewRevision"));
    }

    @Test
    void aSpecChangeKeepsStepsThatAreNotLate() {
      RolloutStep recent = step(2, EARLIER);
      RolloutPlan plan = RolloutPlanner.plan(spec(), true, Views.onOld(3, 1).recreated(2, NOW).notReady(2).build(),
          recorded(recent), NOW);
      assertThat(plan.kind()).isEqualTo(Kind.Wait);
      assertThat(plan.steps()).containsExactly(recent);
    }
  }

  @Nested
  class Gate {
    @Test
    void noQuorumBlocks() {
      RolloutPlan plan = plan(Views.onOld(3, 1).noQuorum(), null);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.phase()).isEqualTo(Phase.Blocked);
      assertThat(plan.reason()).isEqualTo("NoQuorum");
      assertThat(plan.message()).isEqualTo("the ensemble zk has no quorum; no pod is restarted until it has");
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.steps()).isEmpty();
      assertThat(plan.order()).containsExactly("zk-2", "zk-0", "zk-1");
    }

    @Test
    void aServingVoterIsNotDeletedWhileAnotherVoterIsDown() {
      // zk-0 already runs the new revision but does not come back.
      RolloutPlan plan = plan(Views.onOld(3, 1).revision(0, NEW).notReady(0), null);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isEqualTo("TooManyUnavailable");
      assertThat(plan.message()).isEqualTo("1 pod(s) do not serve; restarting zk-2 would exceed maxUnavailable 1");
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.order()).containsExactly("zk-2", "zk-1");
    }

    @Test
    void aServingVoterIsNotDeletedWhenTheQuorumWouldNotSurvive() {
      // zk-0 has no pod at all (deleted by someone else): without zk-2 only the leader would serve.
      RolloutPlan plan = plan(Views.onOld(3, 1).noPod(0), null);
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isIn("QuorumAtRisk", "TooManyUnavailable");
      if (plan.reason().equals("QuorumAtRisk")) {
        assertThat(plan.message()).isEqualTo("without zk-2 1 voter(s) would serve, fewer than the quorum of 2");
      }
      assertThat(plan.delete()).isEmpty();
    }

    @Test
    void aPodThatDoesNotServeMayGoEvenWhileOthersAreDown() {
      // 5 voters, zk-3 and zk-4 down: restarting them costs nothing.
      RolloutPlan plan = plan(Views.onOld(5, 1).notReady(3).notReady(4), null);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(pods(plan.delete())).containsExactly("zk-4");
    }

    @Test
    void aNonVotingPodIsNoVoterToSpare() {
      // 3 voters and 2 non-voting pods: the highest non-voting pod goes first, no voter is counted away.
      RolloutPlan plan = plan(Views.onOld(5, 1).observer(3).observer(4), null);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(pods(plan.delete())).containsExactly("zk-4");
      assertThat(plan.message()).isEqualTo("restart zk-4 (observer) onto revision new");
    }

    @Test
    void aSingleVoterClusterMayRestartItsOnlyPod() {
      RolloutPlan plan = plan(Views.onOld(1, 0), null);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(plan.delete()).containsExactly(newStep(0, "NewRevision"));
      assertThat(plan.message()).isEqualTo("restart zk-0 (leader) onto revision new");
    }

    @Test
    void aSingleVoterWithoutQuorumMayStillBeRestarted() {
      RolloutPlan plan = plan(Views.onOld(1, 0).notReady(0).noQuorum(), null);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(pods(plan.delete())).containsExactly("zk-0");
    }

    @Test
    void aMissingVoterPodCountsAsAwayLikeOneThatIsNotReady() {
      // 5 voters, maxUnavailable 1. A voter that does not serve uses up the budget of 1 ...
      RolloutPlan notReady = plan(Views.onOld(5, 1).revision(3, NEW).notReady(3), null);
      assertThat(notReady.kind()).isEqualTo(Kind.Blocked);
      assertThat(notReady.reason()).isEqualTo("TooManyUnavailable");
      // ... and so must a voter whose pod does not exist (deleted by someone else, not recreated yet): it does not
      // serve either. Deleting zk-4 now leaves 2 of 5 voters away with maxUnavailable 1.
      RolloutPlan missing = plan(Views.onOld(5, 1).noPod(3), null);
      assertThat(missing.delete()).as("deletions while voter zk-3 has no pod").isEmpty();
      assertThat(missing.kind()).isEqualTo(Kind.Blocked);
    }
  }

  @Nested
  class MaxUnavailable {
    @Test
    void twoOnThreeVotersIsRefused() {
      RolloutStep inFlight = step(2, EARLIER);
      RolloutPlan plan = plan(spec(0, 2, false, "10m", "0s", null), Views.onOld(3, 1), recorded(inFlight));
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.phase()).isEqualTo(Phase.Blocked);
      assertThat(plan.reason()).isEqualTo("InvalidSpec");
      assertThat(plan.message()).isEqualTo("spec.maxUnavailable is 2 but zk has 3 voters: at most 1 may be away "
          + "while a quorum of 2 serves; no pod is restarted");
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.steps()).containsExactly(inFlight);
      assertThat(plan.total()).isEqualTo(3);
    }

    @Test
    void twoOnFiveVotersLetsTwoDeletionsBeInFlight() {
      RolloutTraitSpec two = spec(0, 2, false, "10m", "0s", null);
      RolloutPlan first = plan(two, Views.onOld(5, 0), null);
      assertThat(first.delete()).containsExactly(newStep(4, "NewRevision"));

      RolloutStep zk4 = step(4, EARLIER);
      for (Views view : List.of(Views.onOld(5, 0).noPod(4), Views.onOld(5, 0).recreated(4, NOW).notReady(4))) {
        RolloutPlan second = plan(two, view, recorded(zk4));
        assertThat(second.kind()).isEqualTo(Kind.Delete);
        assertThat(second.delete()).containsExactly(newStep(3, "NewRevision"));
        assertThat(second.steps()).containsExactly(zk4, newStep(3, "NewRevision"));
      }

      RolloutStep zk3 = step(3, EARLIER);
      RolloutPlan third = plan(two, Views.onOld(5, 0).noPod(4).recreated(3, NOW).notReady(3), recorded(zk4, zk3));
      assertThat(third.kind()).isEqualTo(Kind.Wait);
      assertThat(third.reason()).isEqualTo("WaitingForPod");
      assertThat(third.message()).isEqualTo("waiting for zk-3, zk-4 to be back, ready and synced");
      assertThat(third.delete()).isEmpty();
      assertThat(third.steps()).containsExactly(zk4, zk3);
    }

    @Test
    void twoInFlightStillNeedTheQuorumToSurvive() {
      // zk-4 in flight and zk-0's pod gone: a second deletion would leave 2 of 5 voters serving.
      RolloutPlan plan = plan(spec(0, 2, false, "10m", "0s", null), Views.onOld(5, 1).noPod(4).noPod(0),
          recorded(step(4, EARLIER)));
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isIn("QuorumAtRisk", "TooManyUnavailable");
      if (plan.reason().equals("QuorumAtRisk")) {
        assertThat(plan.message()).isEqualTo("without zk-3 2 voter(s) would serve, fewer than the quorum of 3");
      }
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.steps()).containsExactly(step(4, EARLIER));
    }

    @Test
    void twoOnFiveVotersWithOneDownLeavesRoomForOne() {
      RolloutPlan plan = plan(spec(0, 2, false, "10m", "0s", null),
          Views.onOld(5, 1).revision(0, NEW).notReady(0).recreated(4, NOW).notReady(4), recorded(step(4, EARLIER)));
      assertThat(plan.kind()).isEqualTo(Kind.Blocked);
      assertThat(plan.reason()).isEqualTo("TooManyUnavailable");
      assertThat(plan.message()).isEqualTo("2 pod(s) do not serve; restarting zk-3 would exceed maxUnavailable 2");
    }
  }

  @Nested
  class Partition {
    private final RolloutTraitSpec partition2 = spec(2, 1, false, "10m", "0s", null);

    @Test
    void onlyPodsAtOrAboveThePartitionRestart() {
      RolloutPlan plan = plan(partition2, Views.onOld(3, 1), null);
      assertThat(plan.order()).containsExactly("zk-2");
      assertThat(plan.delete()).containsExactly(newStep(2, "NewRevision"));
    }

    @Test
    void theCanaryBackLeavesTheRestOnTheirRevision() {
      RolloutStep recorded = step(2, EARLIER);
      RolloutPlan plan = plan(partition2, Views.onOld(3, 1).recreated(2, NOW), recorded(recorded));
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.phase()).isEqualTo(Phase.Idle);
      assertThat(plan.reason()).isEqualTo("PartitionHolds");
      assertThat(plan.finished()).containsExactly(recorded);
      assertThat(plan.lastPodReadyAt()).isEqualTo(NOW_TEXT);
    }

    @Test
    void loweringThePartitionContinues() {
      RolloutPlan plan = plan(spec(0, 1, false, "10m", "0s", null), Views.onOld(3, 1).recreated(2, EARLIER_INSTANT),
          recorded(EARLIER, null));
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(plan.delete()).containsExactly(newStep(0, "NewRevision"));
    }

    @Test
    void theLeaderAboveThePartitionStillGoesLast() {
      assertThat(plan(spec(1, 1, false, "10m", "0s", null), Views.onOld(3, 2), null).order())
          .containsExactly("zk-1", "zk-2");
    }

    @Test
    void aPartitionAboveEveryOrdinalHoldsEveryPod() {
      RolloutPlan plan = plan(spec(5, 1, false, "10m", "0s", null), Views.onOld(3, 1), null);
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.reason()).isEqualTo("PartitionHolds");
      assertThat(plan.message()).isEqualTo("pods below partition 5 stay on their revision");
    }
  }

  static final Instant EARLIER_INSTANT = Instant.parse(EARLIER);

  @Nested
  class RestartAt {
    private final RolloutTraitSpec restart = spec(0, 1, false, "10m", "0s", RESTART_AT);

    @Test
    void podsStartedBeforeRestartAtRestartInTheSameOrder() {
      RolloutPlan plan = plan(restart, Views.onNew(3, 1), null);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(plan.order()).containsExactly("zk-2", "zk-0", "zk-1");
      RolloutStep expected = new RolloutStep("zk-2", "uid-zk-2", "RestartAt", NOW_TEXT);
      assertThat(plan.delete()).containsExactly(expected);
      assertThat(plan.steps()).containsExactly(expected);
      assertThat(plan.message()).isEqualTo("restart zk-2 (follower) for spec.restartAt");
      assertThat(plan.restartAtApplied()).isNull();
      assertThat(plan.updated()).isEqualTo(3);
    }

    @Test
    void podsCreatedAfterRestartAtAreNotRestarted() {
      RolloutPlan plan = plan(restart, Views.onNew(3, 1).created(2, AFTER_RESTART_AT), null);
      assertThat(plan.order()).containsExactly("zk-0", "zk-1");
    }

    @Test
    void aPodOnAnotherRevisionRestartsForTheRevision() {
      RolloutPlan plan = plan(restart, Views.onNew(3, 1).revision(2, "old"), null);
      assertThat(plan.delete()).extracting(RolloutStep::reason).containsExactly("NewRevision");
    }

    @Test
    void onceEveryPodWasRecreatedAfterItTheRestartIsApplied() {
      RolloutStep last = new RolloutStep("zk-1", "uid-zk-1", "RestartAt", EARLIER);
      RolloutPlan plan = plan(restart, Views.onNew(3, 0).recreated(2, AFTER_RESTART_AT).recreated(0, AFTER_RESTART_AT)
          .recreated(1, NOW), recorded(last));
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.phase()).isEqualTo(Phase.Complete);
      assertThat(plan.restartAtApplied()).isEqualTo(RESTART_AT);
      assertThat(plan.finished()).containsExactly(last);
    }

    @Test
    void aRestartAtHonouredAlreadyIsAppliedWithoutARestart() {
      RolloutPlan plan = plan(restart, Views.onNew(3, 1).created(0, AFTER_RESTART_AT).created(1, AFTER_RESTART_AT)
          .created(2, AFTER_RESTART_AT), null);
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.restartAtApplied()).isEqualTo(RESTART_AT);
    }

    @Test
    void aRestartAtInTheFutureDoesNothingYet() {
      RolloutPlan plan = plan(spec(0, 1, false, "10m", "0s", "2025-03-01T12:00:01Z"), Views.onNew(3, 1), null);
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.restartAtApplied()).isNull();
    }

    @Test
    void aRestartAtOfNowIsDue() {
      RolloutPlan plan = plan(spec(0, 1, false, "10m", "0s", NOW_TEXT), Views.onNew(3, 1), null);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
    }

    @Test
    void aRestartAtAppliedAlreadyDoesNothing() {
      RolloutPlan plan = plan(restart, Views.onNew(3, 1), recorded(null, RESTART_AT));
      assertThat(plan.kind()).isEqualTo(Kind.Done);
      assertThat(plan.delete()).isEmpty();
      assertThat(plan.restartAtApplied()).isEqualTo(RESTART_AT);
    }

    @Test
    void aNewerRestartAtRestartsAgain() {
      RolloutPlan plan = plan(restart, Views.onNew(3, 1), recorded(null, "2025-02-15T00:00:00Z"));
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
      assertThat(plan.restartAtApplied()).isEqualTo("2025-02-15T00:00:00Z");
    }

    @Test
    void aRestartAtWithAnOffsetIsUnderstood() {
      // 12:30+01:00 is 11:30Z: due, and after the pods' creation.
      RolloutPlan plan = plan(spec(0, 1, false, "10m", "0s", "2025-03-01T12:30:00+01:00"), Views.onNew(3, 1), null);
      assertThat(plan.kind()).isEqualTo(Kind.Delete);
    }

    @Test
    void aRestartAtDuringAPartitionRestartsOnlyThePodsAboveIt() {
      RolloutPlan plan = plan(spec(2, 1, false, "10m", "0s", RESTART_AT), Views.onNew(3, 1), null);
      assertThat(plan.order()).containsExactly("zk-2");
    }
  }

  @Nested
  class WholeRollouts {
    record Played(List<String> deleted, int leadersDeleted, int mostInFlight) {}

    /**
     * Plays looks 5 s apart until Done: a deleted pod has no object for {@code downLooks} looks, then is back, ready
     * and synced on the new revision; a deleted leader hands leadership to zk-0 (zk-1 when zk-0 itself goes).
     */
    private Played rollOut(RolloutTraitSpec spec, Views view, int n, int downLooks) {
      List<String> deleted = new ArrayList<>();
      int leadersDeleted = 0;
      int mostInFlight = 0;
      java.util.Map<Integer, Integer> backAt = new java.util.TreeMap<>();
      RolloutTraitStatus status = null;
      Instant now = NOW;
      for (int look = 0; look < 10 * n; look++) {
        for (var it = backAt.entrySet().iterator(); it.hasNext(); ) {
          var e = it.next();
          if (e.getValue() <= look) {
            view.recreated(e.getKey(), now);
            it.remove();
          }
        }
        RolloutPlan plan = RolloutPlanner.plan(spec, false, view.build(), status, now);
        if (plan.kind() == Kind.Done) {
          assertThat(plan.phase()).isEqualTo(Phase.Complete);
          assertThat(plan.updated()).isEqualTo(n);
          return new Played(deleted, leadersDeleted, mostInFlight);
        }
        assertThat(plan.kind()).as("look %d: %s", look, plan.message()).isIn(Kind.Delete, Kind.Wait);
        assertThat(plan.steps().size()).isLessThanOrEqualTo(spec.maxUnavailable());
        mostInFlight = Math.max(mostInFlight, plan.steps().size());
        for (RolloutStep step : plan.delete()) {
          int ordinal = Integer.parseInt(step.pod().substring(3));
          deleted.add(step.pod());
          RolloutView seen = view.build();
          if (seen.isLeader(seen.pods().get(step.pod()))) {
            leadersDeleted++;
            view.leader("zk-0".equals(step.pod()) ? "zk-1" : "zk-0");
          }
          view.noPod(ordinal);
          backAt.put(ordinal, look + downLooks);
        }
        status = new RolloutTraitStatus(1L, plan.phase(), NEW, plan.order(), pods(plan.steps()), plan.steps(),
            plan.updated(), plan.total(), 0, null, plan.lastPodReadyAt(), plan.restartAtApplied(), List.of());
        now = now.plus(Duration.ofSeconds(5));
      }
      throw new AssertionError("no end after " + 10 * n + " looks; deleted " + deleted);
    }

    @Test
    void threePodsGoFollowersFirstLeaderLastEachOnce() {
      Played played = rollOut(spec(), Views.onOld(3, 1), 3, 2);
      assertThat(played.deleted()).containsExactly("zk-2", "zk-0", "zk-1");
      assertThat(played.leadersDeleted()).isEqualTo(1);
    }

    @Test
    void fivePodsGoFollowersFirstLeaderLastEachOnce() {
      Played played = rollOut(spec(), Views.onOld(5, 2), 5, 3);
      assertThat(played.deleted()).containsExactly("zk-4", "zk-3", "zk-1", "zk-0", "zk-2");
      assertThat(played.leadersDeleted()).isEqualTo(1);
      assertThat(played.mostInFlight()).isEqualTo(1);
    }

    @Test
    void fivePodsTwoAtATimeStillLeaderLast() {
      Played played = rollOut(spec(0, 2, false, "10m", "0s", null), Views.onOld(5, 2), 5, 3);
      assertThat(played.deleted()).containsExactly("zk-4", "zk-3", "zk-1", "zk-0", "zk-2");
      assertThat(played.leadersDeleted()).isEqualTo(1);
      assertThat(played.mostInFlight()).isEqualTo(2);
    }

    @Test
    void aRestartAtRestartsEveryPodOnceAndIsApplied() {
      RolloutTraitSpec spec = spec(0, 1, false, "10m", "0s", RESTART_AT);
      Views view = Views.onNew(3, 1);
      Played played = rollOut(spec, view, 3, 1);
      assertThat(played.deleted()).containsExactly("zk-2", "zk-0", "zk-1");
      RolloutPlan after = RolloutPlanner.plan(spec, false, view.build(), null, NOW.plusSeconds(600));
      assertThat(after.kind()).isEqualTo(Kind.Done);
      assertThat(after.restartAtApplied()).isEqualTo(RESTART_AT);
    }
  }

  @Nested
  class Describe {
    @Test
    void aPodWithoutObservationHasNoRole() {
      RolloutView view = Views.onOld(3, 1).unobserved(2).build();
      assertThat(RolloutPlanner.describe(newStep(2, "NewRevision"), view)).isEqualTo("restart zk-2 onto revision new");
      assertThat(RolloutPlanner.describe(new RolloutStep("zk-9", "u", "RestartAt", NOW_TEXT), view))
          .isEqualTo("restart zk-9 for spec.restartAt");
    }
  }
}
