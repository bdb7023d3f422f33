package io.zkoam.rollout.plan;

import io.zkoam.api.status.Conditions;
import io.zkoam.api.trait.Durations;
import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.api.v1alpha1.RolloutTraitSpec;
import io.zkoam.api.v1alpha1.RolloutTraitStatus;
import io.zkoam.api.v1alpha1.RolloutTraitStatus.Phase;
import io.zkoam.rollout.plan.RolloutView.PodState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pure: from the spec, what is observed and the deletions recorded in status, to what to do now. Pods that need a
 * restart (ordinal at or above the partition, and on another revision than the StatefulSet's, or started before
 * spec.restartAt) go one at a time (or maxUnavailable): pods that do not serve first (they cost nothing), then
 * followers, observers and non-voting pods from the highest ordinal down, the leader last, so a full rollout costs one
 * leader election. A deletion waits until every earlier one is back, ready and synced, and until the quorum of voters
 * survives it.
 */
public final class RolloutPlanner {
  public static final String NEW_REVISION = "NewRevision";
  public static final String RESTART_AT = "RestartAt";

  private RolloutPlanner() {}

  public static RolloutPlan plan(RolloutTraitSpec spec, boolean specChanged, RolloutView view,
      RolloutTraitStatus status, Instant now) {
    List<RolloutStep> recorded = status == null ? List.of() : status.steps();
    String restartAtApplied = status == null ? null : status.restartAtApplied();
    String lastReady = status == null ? null : status.lastPodReadyAt();
    Optional<String> problem = RolloutSpecCheck.problem(spec, view);
    int updated = (int) view.pods().values().stream()
        .filter(p -> p.revision() != null && p.revision().equals(view.updateRevision())).count();
    int total = view.pods().size();
    if (problem.isPresent()) {
      return new RolloutPlan(RolloutPlan.Kind.Blocked, Phase.Blocked, recorded, List.of(), List.of(), List.of(),
          updated, total, restartAtApplied, lastReady, "InvalidSpec", problem.get() + "; no pod is restarted");
    }
    if (view.updateRevision() == null) {
      return new RolloutPlan(RolloutPlan.Kind.Wait, Phase.Idle, recorded, List.of(), List.of(), List.of(), updated,
          total, restartAtApplied, lastReady, "WaitingForWorkload",
          "the workload controller reports no revision of " + view.cluster() + " yet");
    }
    Duration readyTimeout = Durations.parse(spec.podReadyTimeout());
    // A new revision (a fix of the pod template, say) also ends the wait for a pod that did not come back.
    boolean reset = specChanged || (status != null && status.targetRevision() != null
        && !status.targetRevision().equals(view.updateRevision()));

    List<RolloutStep> finished = new ArrayList<>();
    List<RolloutStep> inFlight = new ArrayList<>();
    List<RolloutStep> redelete = new ArrayList<>();
    List<RolloutStep> late = new ArrayList<>();
    for (RolloutStep step : recorded) {
      PodState pod = view.pods().get(step.pod());
      if (pod != null && !RolloutView.sameObject(pod, step.podUid()) && view.synced(pod)) {
        finished.add(step);
      } else if (timedOut(step, readyTimeout, now)) {
        if (!reset) {
          late.add(step);
          inFlight.add(step);
        }
      } else {
        inFlight.add(step);
        if (RolloutView.sameObject(pod, step.podUid()) && !pod.terminating()) {
          redelete.add(step);
        }
      }
    }
    if (!finished.isEmpty()) {
      lastReady = Conditions.timestamp(now);
    }
    boolean restartDue = spec.restartAt() != null && !spec.restartAt().equals(restartAtApplied)
        && RolloutView.instant(spec.restartAt()) != null && !RolloutView.instant(spec.restartAt()).isAfter(now);
    Set<String> busy = inFlight.stream().map(RolloutStep::pod).collect(Collectors.toSet());
    List<PodState> order = RestartOrder.of(view, spec, restartDue, busy);
    List<String> orderNames = order.stream().map(PodState::name).toList();

    if (!late.isEmpty()) {
      RolloutStep first = late.get(0);
      return new RolloutPlan(RolloutPlan.Kind.Blocked, Phase.Blocked, inFlight, List.of(), finished, orderNames,
          updated, total, restartAtApplied, lastReady, "PodNotReady", first.pod() + " did not come back ready within "
          + spec.podReadyTimeout() + ": " + whyNotBack(first, view) + ". Nothing else is restarted until it is back "
          + "or the spec changes");
    }
    if (!redelete.isEmpty()) {
      // Recorded but not deleted yet (the controller stopped in between): the gate holds for it as for a new one.
      for (RolloutStep step : redelete) {
        Set<String> others = new java.util.HashSet<>(busy);
        others.remove(step.pod());
        Optional<RolloutGate.Refusal> gate = RolloutGate.refuses(view.pods().get(step.pod()), view, spec, others);
        if (gate.isPresent()) {
          return new RolloutPlan(RolloutPlan.Kind.Blocked, Phase.Blocked, inFlight, List.of(), finished,
              orderNames, updated, total, restartAtApplied, lastReady, gate.get().reason(), gate.get().message());
        }
      }
      return new RolloutPlan(RolloutPlan.Kind.Delete, Phase.Rolling, inFlight, redelete, finished, orderNames,
          updated, total, restartAtApplied, lastReady, "Restarting", "deleting " + names(redelete));
    }
    if (order.isEmpty() && inFlight.isEmpty() && view.pods().values().stream().anyMatch(PodState::terminating)) {
      return new RolloutPlan(RolloutPlan.Kind.Wait, Phase.Rolling, inFlight, List.of(), finished, orderNames,
          updated, total, restartAtApplied, lastReady, "WaitingForPod", "waiting for terminating pods to return");
    }
    if (order.isEmpty() && inFlight.isEmpty()) {
      String applied = restartDue ? spec.restartAt() : restartAtApplied;
      boolean held = view.pods().values().stream()
          .anyMatch(p -> p.ordinal() < spec.partition() && !view.updateRevision().equals(p.revision()));
      return new RolloutPlan(RolloutPlan.Kind.Done, held ? Phase.Idle : Phase.Complete, List.of(), List.of(),
          finished, List.of(), updated, total, applied, lastReady, held ? "PartitionHolds" : "AllPodsUpdated",
          held ? "pods below partition " + spec.partition() + " stay on their revision"
              : "every pod runs revision " + view.updateRevision());
    }
    if (spec.paused()) {
      return new RolloutPlan(inFlight.isEmpty() ? RolloutPlan.Kind.Paused : RolloutPlan.Kind.Wait, Phase.Paused,
          inFlight, List.of(), finished, orderNames, updated, total, restartAtApplied, lastReady, "Paused",
          "spec.paused: " + (inFlight.isEmpty() ? "" : names(inFlight) + " still coming back; ")
              + order.size() + " pod(s) wait");
    }
    if (inFlight.size() >= spec.maxUnavailable() || order.isEmpty()) {
      return new RolloutPlan(RolloutPlan.Kind.Wait, Phase.Rolling, inFlight, List.of(), finished, orderNames,
          updated, total, restartAtApplied, lastReady, "WaitingForPod",
          "waiting for " + names(inFlight) + " to be back, ready and synced");
    }
    Instant pauseUntil = lastReady == null ? null
        : RolloutView.instant(lastReady).plus(Durations.parse(spec.pauseBetweenPods()));
    if (pauseUntil != null && pauseUntil.isAfter(now)) {
      return new RolloutPlan(RolloutPlan.Kind.Wait, Phase.Rolling, inFlight, List.of(), finished, orderNames,
          updated, total, restartAtApplied, lastReady, "PauseBetweenPods",
          "pauseBetweenPods " + spec.pauseBetweenPods() + ": the next pod goes at " + Conditions.timestamp(pauseUntil));
    }
    PodState next = order.get(0);
    Optional<RolloutGate.Refusal> gate = RolloutGate.refuses(next, view, spec, busy);
    if (gate.isPresent()) {
      return new RolloutPlan(RolloutPlan.Kind.Blocked, Phase.Blocked, inFlight, List.of(), finished, orderNames,
          updated, total, restartAtApplied, lastReady, gate.get().reason(), gate.get().message());
    }
    String reason = view.updateRevision().equals(next.revision()) ? RESTART_AT : NEW_REVISION;
    RolloutStep step = new RolloutStep(next.name(), next.uid(), reason, Conditions.timestamp(now));
    List<RolloutStep> steps = new ArrayList<>(inFlight);
    steps.add(step);
    return new RolloutPlan(RolloutPlan.Kind.Delete, Phase.Rolling, steps, List.of(step), finished, orderNames,
        updated, total, restartAtApplied, lastReady, "Restarting", describe(step, view));
  }

  /** "restart zk-2 (follower) onto revision zk-abc", for conditions and events. */
  public static String describe(RolloutStep step, RolloutView view) {
    PodState pod = view.pods().get(step.pod());
    String role = pod == null || pod.observation() == null ? "" : " (" + pod.observation().mode() + ")";
    return RESTART_AT.equals(step.reason()) ? "restart " + step.pod() + role + " for spec.restartAt"
        : "restart " + step.pod() + role + " onto revision " + view.updateRevision();
  }

  private static String whyNotBack(RolloutStep step, RolloutView view) {
    PodState pod = view.pods().get(step.pod());
    return RolloutView.sameObject(pod, step.podUid()) ? "it was recorded for deletion but is still the same pod"
        : view.whyNotBack(pod);
  }

  static boolean timedOut(RolloutStep step, Duration timeout, Instant now) {
    Instant started = RolloutView.instant(step.startedAt());
    return started != null && started.plus(timeout).isBefore(now);
  }

  private static String names(List<RolloutStep> steps) {
    return steps.stream().map(RolloutStep::pod).sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
  }
}
