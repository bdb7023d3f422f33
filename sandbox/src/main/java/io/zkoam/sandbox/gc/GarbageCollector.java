package io.zkoam.sandbox.gc;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.zkoam.sandbox.api.ApiResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded API has no garbage collector, so the sandbox brings one: an object whose owners are all gone is
 * deleted, as kube-controller-manager does with background propagation. Deleting a ZooKeeperCluster thus removes its
 * StatefulSet, then the pods; claims stay unless the retention policy gave them an owner.
 */
public final class GarbageCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  private final KubernetesClient client;
  private final List<ApiResource> kinds;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "garbage-collector");
    t.setDaemon(true);
    return t;
  });

  public GarbageCollector(KubernetesClient client, List<ApiResource> kinds) {
    this.client = client;
    this.kinds = kinds.stream().filter(ApiResource::namespaced).toList();
  }

  public GarbageCollector start(Duration period) {
    timer.scheduleWithFixedDelay(this::collectSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void collectSafely() {
    try {
      collect();
    } catch (RuntimeException e) {
      LOG.debug("garbage collection pass failed: {}", e.toString());
    }
  }

  /** One pass: returns the number of objects deleted. */
  public int collect() {
    List<GenericKubernetesResource> all = new ArrayList<>();
    for (ApiResource kind : kinds) {
      try {
        all.addAll(client.genericKubernetesResources(kind.groupVersion(), kind.kind()).inAnyNamespace().list()
            .getItems());
      } catch (KubernetesClientException e) {
        // Without every list, an owner could look missing: skip this pass rather than delete wrongly.
        LOG.debug("cannot list {}, skipping this pass: {}", kind.plural(), e.getMessage());
        return 0;
      }
    }
    Set<String> uids = new HashSet<>();
    all.forEach(o -> uids.add(o.getMetadata().getUid()));
    int deleted = 0;
    for (GenericKubernetesResource o : all) {
      List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
      if (owners == null || owners.isEmpty() || owners.stream().anyMatch(r -> uids.contains(r.getUid()))) {
        continue;
      }
      client.resource(o).delete();
      deleted++;
      LOG.info("garbage collected {} {}/{} (owner {} gone)", o.getKind(), o.getMetadata().getNamespace(),
          o.getMetadata().getName(), owners.get(0).getKind() + " " + owners.get(0).getName());
    }
    return deleted;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
