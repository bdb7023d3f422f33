package io.zkoam.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.zkoam.api.trait.WorkloadBinding;
import io.zkoam.api.trait.WorkloadBindings;
import io.zkoam.api.v1alpha1.RolloutStep;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.RolloutTraitStatus;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.rollout.plan.RolloutPlan;
import io.zkoam.rollout.plan.RolloutPlanner;
import io.zkoam.rollout.plan.RolloutView;
import io.zkoam.rollout.status.RolloutEvents;
import io.zkoam.rollout.status.RolloutStatusModel;
import io.zkoam.runtime.events.EventRecorder;
import io.zkoam.runtime.status.StatusReplacer;
import io.zkoam.runtime.trait.WorkloadEventSources;
import io.zkoam.runtime.trait.WorkloadOwnerReference;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reconciles one RolloutTrait: read (trait, workload and pods from caches) → plan (pure) → record a deletion in status
 * → delete that pod → publish status and events. The pod about to be deleted is in status before it is deleted, so a
 * restarted controller waits for it to come back instead of deleting another.
 */
public final class RolloutTraitReconciler implements Reconciler<RolloutTrait> {
  private final RolloutTiming timing;
  private final RolloutHooks hooks;
  private final Clock clock;
  private WorkloadEventSources<RolloutTrait> sources;
  private PodDeleter deleter;
  private EventRecorder events;

  RolloutTraitReconciler(RolloutTiming timing, RolloutHooks hooks, Clock clock) {
    this.timing = timing;
    this.hooks = hooks;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, RolloutTrait>> prepareEventSources(EventSourceContext<RolloutTrait> context) {
    sources = new WorkloadEventSources<>(context);
    deleter = new PodDeleter(context.getClient());
    events = new EventRecorder(context.getClient(), RolloutTraitMain.NAME, clock);
    return sources.all();
  }

  @Override
  public UpdateControl<RolloutTrait> reconcile(RolloutTrait trait, Context<RolloutTrait> context) {
    hooks.reconciling(trait);
    Instant now = clock.instant();
    ZooKeeperCluster workload = sources.workload(trait);
    List<RolloutTrait> siblings = context.getPrimaryCache().list(trait.getMetadata().getNamespace()).toList();
    WorkloadBinding binding = WorkloadBindings.resolve(trait, workload, siblings);
    if (binding instanceof WorkloadBinding.Bound
        || (binding instanceof WorkloadBinding.Unbound u && WorkloadBinding.CONFLICT.equals(u.reason()))) {
      trait = WorkloadOwnerReference.ensure(trait, workload, context);
    }
    if (binding instanceof WorkloadBinding.Unbound unbound) {
      publish(trait, RolloutStatusModel.forUnbound(trait, unbound, now), List.of(), null, context);
      return UpdateControl.<RolloutTrait>noUpdate().rescheduleAfter(timing.blocked());
    }
    List<Pod> pods = sources.pods(workload);
    RolloutView view = RolloutView.of(workload, pods);
    RolloutTraitStatus before = trait.getStatus();
    boolean specChanged = before != null && before.observedGeneration() != null
        && !Objects.equals(before.observedGeneration(), trait.getMetadata().getGeneration());
    RolloutPlan plan = RolloutPlanner.plan(trait.getSpec(), specChanged, view, before, now);

    RolloutTraitStatus after = RolloutStatusModel.forPlan(trait, plan, view, now);
    trait = publish(trait, after, plan.finished(), view, context);
    if (plan.kind() == RolloutPlan.Kind.Delete) {
      for (RolloutStep step : plan.delete()) {
        hooks.deletionRecorded(trait, step);
        deleter.delete(trait.getMetadata().getNamespace(), step);
      }
    }
    return UpdateControl.<RolloutTrait>noUpdate().rescheduleAfter(timing.after(plan));
  }

  /** Writes the whole status when it changed, with the read's resourceVersion; then the events it is worth. */
  private RolloutTrait publish(RolloutTrait trait, RolloutTraitStatus status, List<RolloutStep> finished,
      RolloutView view, Context<RolloutTrait> context) {
    RolloutTraitStatus before = trait.getStatus();
    if (status.equals(before)) {
      return trait;
    }
    RolloutTrait written = StatusReplacer.replace(trait, context, t -> t.setStatus(status));
    RolloutEvents.between(before, status, finished,
            step -> view == null ? step.pod() : RolloutPlanner.describe(step, view))
        .forEach(n -> events.record(written, n.type(), n.reason(), n.message()));
    return written;
  }

}
