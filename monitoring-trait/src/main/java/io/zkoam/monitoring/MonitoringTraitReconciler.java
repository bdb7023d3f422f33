package io.zkoam.monitoring;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.zkoam.api.trait.WorkloadBinding;
import io.zkoam.api.trait.WorkloadBindings;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.MonitoringTraitStatus;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.monitoring.apply.MonitoringApis;
import io.zkoam.monitoring.apply.MonitoringApplier;
import io.zkoam.monitoring.render.DesiredMonitoring;
import io.zkoam.monitoring.status.MonitoringStatusModel;
import io.zkoam.runtime.events.EventRecorder;
import io.zkoam.runtime.status.StatusReplacer;
import io.zkoam.runtime.trait.WorkloadEventSources;
import io.zkoam.runtime.trait.WorkloadOwnerReference;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reconciles one MonitoringTrait: read (trait and workload from caches, which monitoring APIs the cluster serves) →
 * render the desired objects (pure) → apply them, owned by the trait → publish status and events. Deleting the trait
 * deletes the objects through their owner references.
 */
public final class MonitoringTraitReconciler implements Reconciler<MonitoringTrait> {
  private final MonitoringTiming timing;
  private final Clock clock;
  private WorkloadEventSources<MonitoringTrait> sources;
  private MonitoringApis apis;
  private MonitoringApplier applier;
  private EventRecorder events;

  MonitoringTraitReconciler(MonitoringTiming timing, Clock clock) {
    this.timing = timing;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, MonitoringTrait>> prepareEventSources(EventSourceContext<MonitoringTrait> context) {
    sources = new WorkloadEventSources<>(context);
    apis = new MonitoringApis(context.getClient());
    applier = new MonitoringApplier(context.getClient());
    events = new EventRecorder(context.getClient(), MonitoringTraitMain.NAME, clock);
    return sources.workloadOnly();
  }

  @Override
  public UpdateControl<MonitoringTrait> reconcile(MonitoringTrait trait, Context<MonitoringTrait> context) {
    Instant now = clock.instant();
    ZooKeeperCluster workload = sources.workload(trait);
    List<MonitoringTrait> siblings = context.getPrimaryCache().list(trait.getMetadata().getNamespace()).toList();
    WorkloadBinding binding = WorkloadBindings.resolve(trait, workload, siblings);
    if (binding instanceof WorkloadBinding.Bound
        || (binding instanceof WorkloadBinding.Unbound u && WorkloadBinding.CONFLICT.equals(u.reason()))) {
      trait = WorkloadOwnerReference.ensure(trait, workload, context);
    }
    if (binding instanceof WorkloadBinding.Unbound unbound) {
      publish(trait, MonitoringStatusModel.forUnbound(trait, unbound, now), context);
      return UpdateControl.<MonitoringTrait>noUpdate().rescheduleAfter(timing.retry());
    }
    String cluster = workload.getMetadata().getName();
    DesiredMonitoring desired = DesiredMonitoring.of(trait, workload);
    if (!desired.problems().isEmpty()) {
      publish(trait, MonitoringStatusModel.forInvalid(trait, cluster, desired, now), context);
      return UpdateControl.<MonitoringTrait>noUpdate();
    }
    MonitoringApplier.Result result;
    try {
      result = applier.apply(desired, trait.getMetadata().getNamespace(), cluster, trait.getMetadata().getUid(),
          apis.served());
    } catch (KubernetesClientException e) {
      // Discovery itself failed (not a 404, which means "not installed"): say so and ask again at the retry.
      result = new MonitoringApplier.Result(List.of(), List.of(), List.of(),
          List.of("API discovery of " + MonitoringApis.GROUP + ": " + e.getCode() + " " + e.getMessage()),
          null, null, null, null, null);
    }
    for (MonitoringApplier.Change change : result.changes()) {
      events.normal(trait, change.outcome().name().charAt(0) + change.outcome().name().substring(1).toLowerCase(),
          change.kind() + " " + change.name() + " " + change.outcome().name().toLowerCase());
    }
    MonitoringTraitStatus status = MonitoringStatusModel.forResult(trait, cluster, desired, result, now);
    publish(trait, status, context);
    return UpdateControl.<MonitoringTrait>noUpdate()
        .rescheduleAfter(status.phase() == MonitoringTraitStatus.Phase.Ready ? timing.resync() : timing.retry());
  }

  /** Writes the status when it changed; a newly reported problem also becomes a Warning event. */
  private void publish(MonitoringTrait trait, MonitoringTraitStatus status, Context<MonitoringTrait> context) {
    MonitoringTraitStatus before = trait.getStatus();
    if (status.equals(before)) {
      return;
    }
    MonitoringTrait written = StatusReplacer.replace(trait, context, t -> t.setStatus(status));
    String reason = MonitoringStatusModel.readyReason(status);
    if (!Objects.equals(reason, MonitoringStatusModel.readyReason(before))
        && status.phase() != MonitoringTraitStatus.Phase.Ready) {
      events.warning(written, reason, io.zkoam.api.status.Conditions.find(status.conditions(), "Ready")
          .map(c -> c.getMessage()).orElse(reason));
    }
  }
}
