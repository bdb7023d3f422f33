package io.zkoam.sandbox.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import io.zkoam.sandbox.Sandbox;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples, every 100 ms while a rollout runs, how many of a cluster's pods are away (missing or not Ready), and keeps
 * the highest count: a rollout with maxUnavailable 1 must never have two pods away at once.
 */
final class DownSampler implements AutoCloseable {
  private final AtomicInteger max = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private DownSampler(Sandbox sandbox, String cluster) {
    int expected = sandbox.client().pods().inNamespace("default").withLabel("app.kubernetes.io/instance", cluster)
        .list().getItems().size();
    thread = new Thread(() -> {
      while (running.get()) {
        List<Pod> pods = sandbox.client().pods().inNamespace("default")
            .withLabel("app.kubernetes.io/instance", cluster).list().getItems();
        long ready = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null
            && p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
            .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
        max.accumulateAndGet((int) (expected - ready), Math::max);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "down-sampler");
    thread.setDaemon(true);
  }

  static DownSampler start(Sandbox sandbox, String cluster) {
    DownSampler sampler = new DownSampler(sandbox, cluster);
    sampler.thread.start();
    return sampler;
  }

  int max() {
    return max.get();
  }

  @Override
  public void close() {
    running.set(false);
    thread.interrupt();
  }
}
