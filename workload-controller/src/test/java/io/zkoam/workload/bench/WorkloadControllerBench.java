package io.zkoam.workload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import io.zkoam.workload.EnsembleAgents;
import io.zkoam.workload.ReconcileTiming;
import io.zkoam.workload.WorkloadControllerMain;
import io.zkoam.workload.model.Platform;
import io.zkoam.workload.observe.AgentConfigView;
import io.zkoam.workload.observe.AgentStatus;
import io.zkoam.workload.observe.ClusterObserver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's benchmark of the workload controller, on the embedded (fabric8 mock, CRUD) API in this JVM, with agents
 * that answer instantly. Not part of {@code mvn verify} (surefire does not pick up {@code *Bench}); run it with
 * {@code mvn -B -pl workload-controller -am verify -Pbench}. It prints:
 * <ol>
 *   <li>the time from the first create until every cluster has its StatefulSet and a published status;</li>
 *   <li>heap used after GC once all clusters are converged (and the controller's share of it);</li>
 *   <li>write requests during a no-op resync window in which every cluster is reconciled again (goal 0);</li>
 *   <li>latency from a spec change (a zoo.cfg override) to the StatefulSet template carrying the new config hash,
 *       p50 and p99 (goal p99 &lt;= 250 ms).</li>
 * </ol>
 * Between 1 and 2 the benchmark plays StatefulSet controller and kubelet: three Ready pods per cluster whose agents
 * report a formed ensemble, so the clusters become Ready and resync at the steady period, as in production.
 * {@code -Dzkoam.bench.clusters=N}, {@code -Dzkoam.bench.changes=N} and {@code -Dzkoam.bench.changeRate=N} (spec
 * changes per second, default 5) change the sizes.
 */
@EnableKubernetesMockClient(crud = true)
class WorkloadControllerBench {
  /** The mock server logs every request through java.util.logging; kept referenced so the level sticks. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");
  private static final java.util.logging.Logger MOCK_K8S_LOG = quiet("io.fabric8.kubernetes.client.server.mock");

  private static final int CLUSTERS = Integer.getInteger("zkoam.bench.clusters", 1000);
  private static final int CHANGES = Math.min(Integer.getInteger("zkoam.bench.changes", 200), CLUSTERS);
  private static final int CHANGES_PER_SECOND = Integer.getInteger("zkoam.bench.changeRate", 5);
  private static final int CLIENT_THREADS = 4;
  private static final int PODS = 3;
  private static final String NAMESPACE = "bench";
  private static final String CONFIG_VERSION = "100000000";
  private static final ReconcileTiming TIMING = ReconcileTiming.DEFAULT;
  private static final Duration PHASE_DEADLINE = Duration.ofMinutes(15);

  static KubernetesMockServer server;
  static KubernetesClient client;

  /** The benchmark's own client (creates, pods, spec changes, watches); the controller has {@link #client}. */
  private KubernetesClient bench;
  private final EnsembleAgents agents = new EnsembleAgents();
  private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
  private final Map<String, Long> statefulSetAt = new ConcurrentHashMap<>();
  private final Map<String, Long> statusAt = new ConcurrentHashMap<>();
  private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
  private final Map<String, Change> pending = new ConcurrentHashMap<>();
  private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
  private final List<String> report = new ArrayList<>();
  private ScheduledExecutorService progress;

  private record Change(long sentNanos, String hashBefore) {}

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
    return logger;
  }

  private static String cluster(int i) {
    return String.format(Locale.ROOT, "zk-%04d", i);
  }

  @Test
  void thousandClustersOnTheEmbeddedApi() throws Exception {
    bench = server.createClient();
    List<SharedIndexInformer<?>> informers = new ArrayList<>();
    ControllerRuntime runtime = null;
    try (RequestLog requests = new RequestLog(server)) {
      informers.add(bench.resources(ZooKeeperCluster.class).inNamespace(NAMESPACE).inform(clusterWatcher()));
      SharedIndexInformer<StatefulSet> statefulSets =
          bench.apps().statefulSets().inNamespace(NAMESPACE).inform(statefulSetWatcher());
      informers.add(statefulSets);
      runtime = WorkloadControllerMain.start(client, ControllerOptions.embedded("zkoam-workload-bench"),
          Platform.KUBERNETES, TIMING, new ClusterObserver(agents));
      say("== workload controller benchmark: %d ZooKeeperClusters on the fabric8 mock API (CRUD, in this JVM), "
          + "%d CPUs (load average %.1f), Java %s, max heap %d MiB ==", CLUSTERS,
          Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"),
          Runtime.getRuntime().maxMemory() >> 20);
      progress = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
      });
      long began = System.nanoTime();
      progress.scheduleAtFixedRate(() -> System.out.printf(Locale.ROOT,
          "  [%3.0f s] %d StatefulSets, %d statuses, %d Ready, %d changes applied; load average %.1f%n",
          seconds(System.nanoTime() - began), statefulSetAt.size(), statusAt.size(), readyAt.size(),
          latenciesNanos.size(), loadAverage()), 15, 15, TimeUnit.SECONDS);

      // 1. Create every cluster; time until each has its StatefulSet and a status for its generation.
      long start = System.nanoTime();
      parallel(CLUSTERS, i -> {
        ZooKeeperCluster zk = new ZooKeeperCluster();
        zk.setMetadata(new ObjectMetaBuilder().withName(cluster(i)).withNamespace(NAMESPACE).build());
        createdAt.put(cluster(i), System.nanoTime());
        bench.resource(zk).create();
      });
      double created = seconds(System.nanoTime() - start);
      Await.until(PHASE_DEADLINE, CLUSTERS + " clusters converged",
          () -> statefulSetAt.size() == CLUSTERS && statusAt.size() == CLUSTERS,
          () -> statefulSetAt.size() + " StatefulSets, " + statusAt.size() + " statuses");
      long converged = Math.max(Collections.max(statefulSetAt.values()), Collections.max(statusAt.values()));
      List<Long> lags = new ArrayList<>(IntStream.range(0, CLUSTERS).mapToObj(WorkloadControllerBench::cluster)
          .map(c -> Math.max(statefulSetAt.get(c), statusAt.get(c)) - createdAt.get(c)).sorted().toList());
      say("converge %d clusters: %.1f s (StatefulSet and published status; creating them took %.1f s from %d "
          + "client threads; create -> converged per cluster: p50 %.0f ms, p99 %.0f ms, max %.0f ms)", CLUSTERS,
          seconds(converged - start), created, CLIENT_THREADS, millis(percentile(lags, 50)),
          millis(percentile(lags, 99)), millis(lags.get(lags.size() - 1)));

      // Play StatefulSet controller and kubelet: Ready pods whose agents report a formed ensemble.
      long podsStart = System.nanoTime();
      parallel(CLUSTERS, this::runPods);
      Await.until(PHASE_DEADLINE, CLUSTERS + " clusters Ready", () -> readyAt.size() == CLUSTERS,
          () -> readyAt.size() + " Ready");
      say("all Ready with %d simulated pods each: %.1f s after the pods were started", PODS,
          seconds(Collections.max(readyAt.values()) - podsStart));
      quietFor(requests, Duration.ofSeconds(5));

      // 2. Heap after GC with everything converged.
      long heap = heapAfterGc();

      // 3. Writes during a window in which every cluster is reconciled again at the steady period.
      Duration window = TIMING.whileSteady().plusSeconds(5);
      double[] timeBefore = reconcileTime(runtime);
      requests.startRecording();
      long windowStart = System.nanoTime();
      Thread.sleep(window.toMillis());
      List<String> writes = requests.stopRecording();
      long observed = IntStream.range(0, CLUSTERS).filter(i -> agents.lastObserved(cluster(i)) >= windowStart)
          .count();
      double[] timeAfter = reconcileTime(runtime);
      double windowReconciles = timeAfter[1] - timeBefore[1];
      say("writes during no-op resync: %d (goal 0) in a %d s window; %d of %d clusters reconciled in it, "
          + "%.0f reconciles, %.1f ms each on average", writes.size(), window.toSeconds(), observed, CLUSTERS,
          windowReconciles, windowReconciles == 0 ? 0 : 1000 * (timeAfter[0] - timeBefore[0]) / windowReconciles);
      writes.stream().limit(10).forEach(w -> say("  write: %s", w));

      roundTrips();

      // 4. Spec changes on distinct random clusters at a fixed rate; latency until the template has the new hash.
      List<Integer> order = new ArrayList<>(IntStream.range(0, CLUSTERS).boxed().toList());
      Collections.shuffle(order, new Random(42));
      long changesStart = System.nanoTime();
      long interval = TimeUnit.SECONDS.toNanos(1) / CHANGES_PER_SECOND;
      for (int k = 0; k < CHANGES; k++) {
        long due = changesStart + k * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        String name = cluster(order.get(k));
        String hashBefore = hash(statefulSets.getStore().getByKey(NAMESPACE + "/" + name));
        pending.put(name, new Change(System.nanoTime(), hashBefore));
        bench.resources(ZooKeeperCluster.class).inNamespace(NAMESPACE).withName(name)
            .patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"config\":{\"tickTime\":\"" + (2001 + k) + "\"}}}");
      }
      Await.until(Duration.ofSeconds(60), CHANGES + " spec changes applied", () -> latenciesNanos.size() == CHANGES,
          () -> latenciesNanos.size() + " applied; waiting for " + pending.keySet());
      List<Long> sorted = new ArrayList<>(latenciesNanos);
      Collections.sort(sorted);
      double p99 = millis(percentile(sorted, 99));
      say("spec change -> StatefulSet applied: p50 %.0f ms, p99 %.0f ms, max %.0f ms (goal p99 <= 250 ms: %s); "
          + "%d changes at %d/s", millis(percentile(sorted, 50)), p99, millis(sorted.get(sorted.size() - 1)),
          p99 <= 250 ? "met" : "MISSED", CHANGES, CHANGES_PER_SECOND);

      informers.forEach(SharedIndexInformer::close);
      informers.clear();
      long withController = heapAfterGc();
      runtime.close();
      runtime = null;
      long withoutController = heapAfterGc();
      say("heap after GC: %d MiB, all %d clusters converged (whole JVM: controller, mock API holding ~%d objects, "
          + "benchmark watchers); the controller's own share: %d MiB (freed when it stops)", heap >> 20, CLUSTERS,
          CLUSTERS * (7 + PODS), (withController - withoutController) >> 20);
      say("requests to the API over the whole run: %d GET, %d POST, %d PATCH, %d PUT, %d DELETE",
          requests.count("GET"), requests.count("POST"), requests.count("PATCH"), requests.count("PUT"),
          requests.count("DELETE"));

      say("load average at the end: %.1f", loadAverage());
      writeReport();
      assertThat(observed).as("clusters reconciled during the no-op window").isEqualTo(CLUSTERS);
      assertThat(writes).as("write requests of no-op reconciles").isEmpty();
    } finally {
      if (progress != null) {
        progress.shutdownNow();
      }
      informers.forEach(SharedIndexInformer::close);
      if (runtime != null) {
        runtime.close();
      }
      bench.close();
    }
  }

  private ResourceEventHandler<ZooKeeperCluster> clusterWatcher() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(ZooKeeperCluster zk) {
        seen(zk);
      }

      @Override
      public void onUpdate(ZooKeeperCluster old, ZooKeeperCluster zk) {
        seen(zk);
      }

      @Override
      public void onDelete(ZooKeeperCluster zk, boolean unknown) {}

      private void seen(ZooKeeperCluster zk) {
        var status = zk.getStatus();
        if (status == null || status.observedGeneration() == null
            || !status.observedGeneration().equals(zk.getMetadata().getGeneration())) {
          return;
        }
        long now = System.nanoTime();
        statusAt.putIfAbsent(zk.getMetadata().getName(), now);
        if (Conditions.isTrue(status.conditions(), "Ready")) {
          readyAt.putIfAbsent(zk.getMetadata().getName(), now);
        }
      }
    };
  }

  private ResourceEventHandler<StatefulSet> statefulSetWatcher() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(StatefulSet sts) {
        statefulSetAt.putIfAbsent(sts.getMetadata().getName(), System.nanoTime());
      }

      @Override
      public void onUpdate(StatefulSet old, StatefulSet sts) {
        long now = System.nanoTime();
        String name = sts.getMetadata().getName();
        Change change = pending.get(name);
        if (change != null && !change.hashBefore().equals(hash(sts)) && pending.remove(name, change)) {
          latenciesNanos.add(now - change.sentNanos());
        }
      }

      @Override
      public void onDelete(StatefulSet sts, boolean unknown) {}
    };
  }

  private static String hash(StatefulSet sts) {
    Map<String, String> annotations = sts.getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations == null ? "" : String.valueOf(annotations.get(ClusterLabels.CONFIG_HASH_ANNOTATION));
  }

  /** Three Ready pods on revision 1 with answering agents, and the StatefulSet status that goes with them. */
  private void runPods(int i) {
    String name = cluster(i);
    List<AgentConfigView.Member> members = IntStream.range(0, PODS)
        .mapToObj(o -> new AgentConfigView.Member(ClusterNames.serverId(o),
            ClusterNames.podHost(name, o, NAMESPACE, Platform.KUBERNETES.clusterDomain()), "participant"))
        .toList();
    String revision = name + "-rev1";
    for (int o = 0; o < PODS; o++) {
      String ip = "10." + (i >> 8) + "." + (i & 0xff) + "." + (o + 1);
      agents.serve(ip, name, o == 1 ? AgentStatus.LEADER : AgentStatus.FOLLOWER, ClusterNames.serverId(o),
          CONFIG_VERSION, members);
      Map<String, String> labels = new HashMap<>(ClusterLabels.of(name, "3.9.5"));
      labels.put("controller-revision-hash", revision);
      Pod pod = new PodBuilder().withNewMetadata().withName(ClusterNames.pod(name, o)).withNamespace(NAMESPACE)
          .withLabels(labels).endMetadata()
          .withNewStatus().withPodIP(ip).withPhase("Running")
          .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
      bench.resource(pod).create();
    }
    StatefulSet sts = bench.apps().statefulSets().inNamespace(NAMESPACE).withName(name).get();
    sts.setStatus(new StatefulSetStatusBuilder().withReplicas(PODS).withReadyReplicas(PODS)
        .withCurrentReplicas(PODS).withUpdatedReplicas(PODS)
        .withCurrentRevision(revision).withUpdateRevision(revision).build());
    bench.resource(sts).updateStatus();
  }

  /**
   * What one request costs on the embedded API at this size, as context for the latencies: GET and JSON merge PATCH
   * of a ConfigMap no controller watches, 50 of each, one at a time.
   */
  private void roundTrips() {
    ConfigMap probe = bench.resource(new ConfigMapBuilder().withNewMetadata().withName("bench-probe")
        .withNamespace(NAMESPACE).endMetadata().addToData("n", "0").build()).create();
    List<Long> gets = new ArrayList<>();
    List<Long> patches = new ArrayList<>();
    for (int k = 1; k <= 50; k++) {
      long t = System.nanoTime();
      bench.configMaps().inNamespace(NAMESPACE).withName("bench-probe").get();
      gets.add(System.nanoTime() - t);
      t = System.nanoTime();
      bench.resource(probe).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"n\":\"" + k + "\"}}");
      patches.add(System.nanoTime() - t);
    }
    Collections.sort(gets);
    Collections.sort(patches);
    say("embedded API round trip at this size (one at a time): GET p50 %.1f ms, p99 %.1f ms; PATCH p50 %.1f ms, "
        + "p99 %.1f ms", millis(percentile(gets, 50)), millis(percentile(gets, 99)), millis(percentile(patches, 50)),
        millis(percentile(patches, 99)));
  }

  /** Runs {@code task} for 0..n-1 on a few client threads, as many users and tools would. */
  private static void parallel(int n, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        done.add(pool.submit(() -> task.accept(index)));
      }
      long deadline = System.nanoTime() + PHASE_DEADLINE.toNanos();
      for (Future<?> f : done) {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits (bounded) until the controller made no write for {@code quiet}, so a window starts from rest. */
  private static void quietFor(RequestLog requests, Duration quiet) {
    long[] last = {requests.writes(), System.nanoTime()};
    Await.until(PHASE_DEADLINE, "no writes for " + quiet, () -> {
      long writes = requests.writes();
      if (writes != last[0]) {
        last[0] = writes;
        last[1] = System.nanoTime();
      }
      return System.nanoTime() - last[1] >= quiet.toNanos();
    });
  }

  /** Seconds spent reconciling and the number of reconciles so far, from the controller's own histogram. */
  private static double[] reconcileTime(ControllerRuntime runtime) {
    double[] sumAndCount = new double[2];
    for (var family : Collections.list(runtime.registry().metricFamilySamples())) {
      for (var sample : family.samples) {
        if (sample.name.equals("zkoam_reconciliation_duration_seconds_sum")) {
          sumAndCount[0] += sample.value;
        } else if (sample.name.equals("zkoam_reconciliation_duration_seconds_count")) {
          sumAndCount[1] += sample.value;
        }
      }
    }
    return sumAndCount;
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long percentile(List<Long> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private void say(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    report.add(line);
    System.out.println(line);
  }

  private void writeReport() throws IOException {
    Path file = Path.of(System.getProperty("basedir", "."), "target", "bench", "workload-controller.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
    System.out.println("(also written to " + file + ")");
  }
}
