package io.zkoam.workload.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drains the mock server's request queue all the time (it keeps every request, body included, until taken, which
 * would grow the heap the benchmark measures), counts requests by method, and while recording keeps the writes
 * (every request that is not a GET) for inspection.
 */
final class RequestLog implements AutoCloseable {
  private final KubernetesMockServer server;
  private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
  private final List<String> recordedWrites = new ArrayList<>();
  private final Thread drainer;
  private volatile boolean running = true;
  private volatile boolean recording;

  RequestLog(KubernetesMockServer server) {
    this.server = server;
    drainer = new Thread(this::drain, "bench-request-drainer");
    drainer.setDaemon(true);
    drainer.start();
  }

  private void drain() {
    while (running) {
      try {
        RecordedRequest request = server.takeRequest(100, TimeUnit.MILLISECONDS);
        if (request != null) {
          note(request);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void note(RecordedRequest request) {
    byMethod.computeIfAbsent(request.getMethod(), m -> new LongAdder()).increment();
    if (recording && !"GET".equals(request.getMethod())) {
      synchronized (recordedWrites) {
        recordedWrites.add(request.getMethod() + " " + request.getPath());
      }
    }
  }

  /** Takes whatever is queued now, so requests made before this moment are not recorded. */
  void startRecording() throws InterruptedException {
    flush();
    synchronized (recordedWrites) {
      recordedWrites.clear();
    }
    recording = true;
  }

  /** Stops recording once every request made before this moment is taken; returns the writes seen. */
  List<String> stopRecording() throws InterruptedException {
    flush();
    Thread.sleep(300); // longer than the drainer's poll: a request it took is noted by now
    flush();
    recording = false;
    synchronized (recordedWrites) {
      return List.copyOf(recordedWrites);
    }
  }

  /** Takes the queue on this thread until it is empty (the drainer may take some in parallel; both count). */
  private void flush() throws InterruptedException {
    RecordedRequest request;
    while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
      note(request);
    }
  }

  long count(String method) {
    LongAdder adder = byMethod.get(method);
    return adder == null ? 0 : adder.sum();
  }

  long writes() {
    return byMethod.entrySet().stream().filter(e -> !"GET".equals(e.getKey())).mapToLong(e -> e.getValue().sum())
        .sum();
  }

  @Override
  public void close() {
    running = false;
    try {
      drainer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
