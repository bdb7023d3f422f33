package io.zkoam.workload;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import io.zkoam.runtime.events.EventRecorder;
import io.zkoam.workload.model.ClusterInputs;
import io.zkoam.workload.model.DesiredChildren;
import io.zkoam.workload.model.Membership;
import io.zkoam.workload.model.MembershipSource;
import io.zkoam.workload.model.Platform;
import io.zkoam.workload.observe.ClusterObserver;
import io.zkoam.workload.observe.Observation;
import io.zkoam.workload.status.StatusEvents;
import io.zkoam.workload.status.StatusModel;
import io.zkoam.workload.validate.SpecProblem;
import io.zkoam.workload.validate.SpecValidator;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one ZooKeeperCluster: read (CR, children from caches, agents over HTTP) → compute the desired children
 * (pure) → apply only what differs → publish status and events. It never deletes a pod and never restarts one:
 * traits move the ensemble; this controller keeps it safe and visible.
 */
public final class ZooKeeperClusterReconciler implements Reconciler<ZooKeeperCluster> {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperClusterReconciler.class);

  private final Platform platform;
  private final ClusterObserver observer;
  private final Clock clock;
  private final ReconcileTiming timing;
  private ChildrenApplier applier;
  private EventRecorder events;

  public ZooKeeperClusterReconciler(Platform platform, ClusterObserver observer, Clock clock, ReconcileTiming timing) {
    this.platform = platform;
    this.observer = observer;
    this.clock = clock;
    this.timing = timing;
  }

  @Override
  public List<EventSource<?, ZooKeeperCluster>> prepareEventSources(EventSourceContext<ZooKeeperCluster> context) {
    applier = new ChildrenApplier(context.getClient());
    events = new EventRecorder(context.getClient(), "zkoam-workload-controller", clock);
    return ClusterEventSources.create(context);
  }

  @Override
  public UpdateControl<ZooKeeperCluster> reconcile(ZooKeeperCluster zk, Context<ZooKeeperCluster> context) {
    if (zk.getSpec() == null) {
      zk.setSpec(new ZooKeeperCluster().getSpec());
    }
    ChildResources live = ChildResources.read(zk, context);
    List<SpecProblem> problems = SpecValidator.validate(zk.getSpec(), live.statefulSet());
    Observation observation = observer.observe(zk.getMetadata().getName(), live.pods());
    Membership membership = MembershipSource.choose(zk, observation.committed(), live.configMap(), platform);

    if (problems.isEmpty()) {
      ClusterInputs inputs = new ClusterInputs(zk, platform, membership);
      List<String> written = applier.apply(inputs, DesiredChildren.of(inputs, live.statefulSet()), live);
      if (!written.isEmpty()) {
        LOG.info("{}/{}: {}", zk.getMetadata().getNamespace(), zk.getMetadata().getName(), written);
      }
    }

    ZooKeeperClusterStatus before = zk.getStatus();
    ZooKeeperClusterStatus after =
        StatusModel.compute(zk, observation, membership, live.statefulSet(), problems, platform, clock.instant());
    if (!after.equals(before)) {
      writeStatus(zk, after, context);
      // After the write: a failed write is retried with the same transitions, which must not be announced twice.
      StatusEvents.between(before, after).forEach(n -> events.record(zk, n.type(), n.reason(), n.message()));
    }
    return UpdateControl.<ZooKeeperCluster>noUpdate().rescheduleAfter(timing.next(after));
  }

  /**
   * Replaces the whole status (PUT on the status subresource, with the read's resourceVersion) and puts the result in
   * the operator's cache, so the next reconcile compares with what the server has. Java Operator SDK's own
   * {@code patchStatus} without server-side apply sends a JSON Patch of the differences from the cached cluster; when
   * that cache does not show the previous status write yet, a field that flips back (Degraded false → true → false)
   * equals the stale copy, is left out, and the server keeps the wrong value until the next resync.
   */
  private static void writeStatus(ZooKeeperCluster zk, ZooKeeperClusterStatus status,
      Context<ZooKeeperCluster> context) {
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(zk, context, cluster -> {
      cluster.setStatus(status);
      return cluster;
    });
  }
}
