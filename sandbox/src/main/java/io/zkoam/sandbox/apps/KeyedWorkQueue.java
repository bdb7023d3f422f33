package io.zkoam.sandbox.apps;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread and a de-duplicating queue of keys, as Kubernetes controllers use: events for the same object
 * coalesce, and one object is never handled by two threads at once. A failed key is retried after a short delay.
 */
public final class KeyedWorkQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyedWorkQueue.class);

  private final Set<String> pending = new LinkedHashSet<>();
  private final ExecutorService worker;
  private final java.util.concurrent.ScheduledExecutorService retries;
  private final Consumer<String> handler;
  private boolean scheduled;

  public KeyedWorkQueue(String name, Consumer<String> handler) {
    this.handler = handler;
    this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, name));
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-retry"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  public synchronized void add(String key) {
    pending.add(key);
    if (!scheduled) {
      scheduled = true;
      worker.execute(this::drain);
    }
  }

  public void addAfter(String key, long millis) {
    retries.schedule(() -> add(key), millis, TimeUnit.MILLISECONDS);
  }

  private void drain() {
    while (true) {
      String key;
      synchronized (this) {
        if (pending.isEmpty()) {
          scheduled = false;
          return;
        }
        key = pending.iterator().next();
        pending.remove(key);
      }
      try {
        handler.accept(key);
      } catch (RuntimeException e) {
        LOG.debug("{} failed, retrying: {}", key, e.toString());
        addAfter(key, 500);
      }
    }
  }

  @Override
  public void close() {
    retries.shutdownNow();
    worker.shutdownNow();
  }
}
