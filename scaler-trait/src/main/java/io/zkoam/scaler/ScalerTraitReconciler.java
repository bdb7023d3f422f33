package io.zkoam.scaler;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.trait.WorkloadBinding;
import io.zkoam.api.trait.WorkloadBindings;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalerTraitStatus;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.runtime.events.EventRecorder;
import io.zkoam.runtime.status.StatusReplacer;
import io.zkoam.runtime.trait.WorkloadEventSources;
import io.zkoam.runtime.trait.WorkloadOwnerReference;
import io.zkoam.scaler.act.ActionOutcome;
import io.zkoam.scaler.act.MembershipAgent;
import io.zkoam.scaler.act.StepActions;
import io.zkoam.scaler.plan.EnsembleView;
import io.zkoam.scaler.plan.Plan;
import io.zkoam.scaler.plan.ScalingPlanner;
import io.zkoam.scaler.status.ScalerStatusModel;
import io.zkoam.scaler.status.StepEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one ScalerTrait: read (trait, workload and pods from caches) → plan (pure) → record a new step in status
 * → take its action (scale subresource or agent reconfig) → publish status and events. The step is in status before
 * it is taken, so a controller that dies at any point resumes from status; it keeps nothing in memory.
 */
public final class ScalerTraitReconciler implements Reconciler<ScalerTrait> {
  private static final Logger LOG = LoggerFactory.getLogger(ScalerTraitReconciler.class);

  private final MembershipAgent agent;
  private final ScalerTiming timing;
  private final ScalerHooks hooks;
  private final ScalerMetrics metrics;
  private final Clock clock;
  private WorkloadEventSources<ScalerTrait> sources;
  private StepActions actions;
  private EventRecorder events;

  ScalerTraitReconciler(MembershipAgent agent, ScalerTiming timing, ScalerHooks hooks, ScalerMetrics metrics,
      Clock clock) {
    this.agent = agent;
    this.timing = timing;
    this.hooks = hooks;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, ScalerTrait>> prepareEventSources(EventSourceContext<ScalerTrait> context) {
    sources = new WorkloadEventSources<>(context);
    actions = new StepActions(context.getClient(), agent);
    events = new EventRecorder(context.getClient(), ScalerTraitMain.NAME, clock);
    return sources.all();
  }

  @Override
  public UpdateControl<ScalerTrait> reconcile(ScalerTrait trait, Context<ScalerTrait> context) {
    hooks.reconciling(trait);
    Instant now = clock.instant();
    ZooKeeperCluster workload = sources.workload(trait);
    List<ScalerTrait> siblings = context.getPrimaryCache().list(trait.getMetadata().getNamespace()).toList();
    WorkloadBinding binding = WorkloadBindings.resolve(trait, workload, siblings);
    if (binding instanceof WorkloadBinding.Bound
        || (binding instanceof WorkloadBinding.Unbound u && WorkloadBinding.CONFLICT.equals(u.reason()))) {
      trait = WorkloadOwnerReference.ensure(trait, workload, context);
    }
    if (binding instanceof WorkloadBinding.Unbound unbound) {
      publish(trait, ScalerStatusModel.forUnbound(trait, unbound, now), null, context);
      return UpdateControl.<ScalerTrait>noUpdate().rescheduleAfter(timing.blocked());
    }

    List<Pod> pods = sources.pods(workload);
    EnsembleView view = EnsembleView.of(workload, podNames(pods));
    ScalerTraitStatus before = trait.getStatus();
    ScalingStep recorded = before == null ? null : before.step();
    boolean specChanged = before != null && before.observedGeneration() != null
        && !Objects.equals(before.observedGeneration(), trait.getMetadata().getGeneration());
    Plan plan = ScalingPlanner.plan(trait.getSpec(), specChanged, view, recorded, now);
    if (recorded != null && plan.completed() == null && !sameRecord(plan.step(), recorded)) {
      metrics.abandoned(recorded);
    }
    boolean retrying = false;

    if (plan.kind() == Plan.Kind.Act) {
      if (!sameRecord(plan.step(), recorded)) {
        trait = publish(trait, ScalerStatusModel.forPlan(trait, plan, view, now), plan.completed(), context);
        metrics.started(plan.step());
        hooks.stepRecorded(trait, plan.step());
        plan = plan.withoutCompleted();
      }
      ActionOutcome outcome = actions.take(plan.step(), workload, view, podIps(pods),
          workload.getStatus() == null ? null : workload.getStatus().leader());
      if (outcome instanceof ActionOutcome.Taken) {
        hooks.actionTaken(trait, plan.step());
      }
      retrying = outcome instanceof ActionOutcome.Retry || outcome instanceof ActionOutcome.Superseded;
      plan = afterAction(plan, outcome, view);
    }
    publish(trait, ScalerStatusModel.forPlan(trait, plan, view, now), plan.completed(), context);
    return UpdateControl.<ScalerTrait>noUpdate().rescheduleAfter(timing.after(plan, retrying));
  }

  private Plan afterAction(Plan plan, ActionOutcome outcome, EnsembleView view) {
    if (outcome instanceof ActionOutcome.Taken taken) {
      // The same wording the next look publishes while it waits, so taking a step costs no extra status write.
      return plan.withStep(taken.step()).withOutcome(Plan.Kind.Wait, "Waiting" + taken.step().action().name(),
          ScalingPlanner.waitingFor(taken.step(), view));
    }
    if (outcome instanceof ActionOutcome.Retry retry) {
      return plan.withOutcome(Plan.Kind.Wait, retry.reason(), retry.message());
    }
    if (outcome instanceof ActionOutcome.Refused refused) {
      return plan.withOutcome(Plan.Kind.Blocked, refused.reason(), refused.message());
    }
    // The step stays until the workload's status shows the other change: planning again from the same (stale)
    // view would only make the same refused step again.
    return plan.withOutcome(Plan.Kind.Wait, "MembershipChanged", ((ActionOutcome.Superseded) outcome).message());
  }

  /**
   * Replaces the whole status when it changed (PUT with the read's resourceVersion: a controller working from a
   * stale read gets a 409 and looks again, it never overwrites a newer step); then records the events.
   */
  private ScalerTrait publish(ScalerTrait trait, ScalerTraitStatus status, ScalingStep completed,
      Context<ScalerTrait> context) {
    ScalerTraitStatus before = trait.getStatus();
    if (status.equals(before)) {
      return trait;
    }
    ScalerTrait written = StatusReplacer.replace(trait, context, t -> t.setStatus(status));
    if (completed != null) {
      metrics.completed(completed, clock.instant());
    }
    StepEvents.between(before, status, completed)
        .forEach(n -> events.record(written, n.type(), n.reason(), n.message()));
    LOG.debug("{}/{}: {} {}", trait.getMetadata().getNamespace(), trait.getMetadata().getName(), status.phase(),
        status.step());
    return written;
  }

  private static boolean sameRecord(ScalingStep a, ScalingStep b) {
    return StepEvents.sameStep(a, b);
  }

  private static Map<String, Boolean> podNames(List<Pod> pods) {
    Map<String, Boolean> names = new HashMap<>();
    pods.forEach(p -> names.put(p.getMetadata().getName(), p.getMetadata().getDeletionTimestamp() != null));
    return names;
  }

  private static Map<Integer, String> podIps(List<Pod> pods) {
    Map<Integer, String> ips = new HashMap<>();
    for (Pod p : pods) {
      String cluster = p.getMetadata().getLabels().get(ClusterLabels.INSTANCE);
      ClusterNames.ordinal(cluster, p.getMetadata().getName()).ifPresent(o -> {
        if (p.getStatus() != null && p.getStatus().getPodIP() != null && p.getMetadata().getDeletionTimestamp() == null) {
          ips.put(ClusterNames.serverId(o), p.getStatus().getPodIP());
        }
      });
    }
    return ips;
  }
}
