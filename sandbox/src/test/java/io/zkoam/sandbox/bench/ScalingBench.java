package io.zkoam.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.sandbox.Sandbox;
import io.zkoam.sandbox.SandboxOptions;
import io.zkoam.workload.ReconcileTiming;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's benchmark: how long one scaling step per server takes on the sandbox (real ZooKeeper servers and agents)
 * and how much of it is the controllers' own overhead rather than a pod starting. Not part of {@code mvn verify}; run
 * {@code mvn -B -pl sandbox -am verify -Pbench}. The workload controller runs with its production timing (polls every
 * 2 s while changing, 15 s when steady), so the overhead shows whether the scaler and the workload react to events
 * rather than to timers.
 *
 * <p>Per step (AddPod, AddVoter, RemoveVoter, RemovePod; the scaler's unit of work): total = the step recorded in
 * status → the next step (or Idle) recorded; pod time, for AddPod only, = the pod object appearing → the pod turning
 * Ready (StatefulSet controller, kubelet, a ZooKeeper JVM starting and syncing, the readiness probe); overhead =
 * total − pod time: API writes, the workload controller's look at the agents, the reconfig, the StatefulSet
 * controller's reaction. Per server: the same over its two steps, with the overhead split where it goes.
 * {@code -Dzkoam.bench.rounds=N} (default 2) repeats 3 → 5 → 3.
 */
class ScalingBench {
  private static final int ROUNDS = Integer.getInteger("zkoam.bench.rounds", 2);
  private static final String NS = "default";
  private static final Duration WAIT = Duration.ofSeconds(300);

  private final Map<String, Long> stepStarted = new ConcurrentHashMap<>();
  private final Map<String, Long> stepEnded = new ConcurrentHashMap<>();
  private final Map<String, Long> podAdded = new ConcurrentHashMap<>();
  private final Map<String, Long> podReady = new ConcurrentHashMap<>();
  private final Map<String, Long> podGone = new ConcurrentHashMap<>();
  private final Map<Action, List<long[]>> stepSamples = new java.util.EnumMap<>(Action.class);
  private volatile ScalingStep lastStep;
  private volatile int round;

  @Test
  void stepTimesSplitIntoPodTimeAndControllerOverhead() throws IOException {
    SandboxOptions base = SandboxOptions.forTests();
    SandboxOptions options = new SandboxOptions(base.apiPort(), base.workDir(), base.deleteWorkDirOnClose(), true,
        base.kubeconfigOut(), ReconcileTiming.DEFAULT, base.externalKubeconfig());
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<String> rows = new ArrayList<>();
    List<Long> serverOverheads = new ArrayList<>();
    try (Sandbox sandbox = Sandbox.start(options)) {
      sandbox.apply(Sandbox.sample("zookeepercluster.yaml"));
      Await.until(Duration.ofSeconds(120), "zk Ready", () -> {
        ZooKeeperCluster zk = sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName("zk").get();
        return zk.getStatus() != null && Conditions.isTrue(zk.getStatus().conditions(), "Ready");
      });
      sandbox.apply(Sandbox.sample("scalertrait.yaml"));
      awaitIdle(sandbox, 3);
      try (SharedIndexInformer<Pod> pods = watchPods(sandbox);
          SharedIndexInformer<ScalerTrait> traits = watchSteps(sandbox)) {
        for (round = 1; round <= ROUNDS; round++) {
          setTarget(sandbox, 5);
          awaitIdle(sandbox, 5);
          setTarget(sandbox, 3);
          awaitIdle(sandbox, 3);
          Await.until(WAIT, "zk-4 gone", () -> sandbox.client().pods().inNamespace(NS).withName("zk-4").get() == null);
          for (int id : new int[] {4, 5}) {
            rows.add(server("add server " + id, key(Action.AddPod, id), key(Action.AddVoter, id),
                podAdded.get(podKey(id)), podReady.get(podKey(id)), serverOverheads));
            stepRow(Action.AddPod, id, podAdded.get(podKey(id)), podReady.get(podKey(id)));
            stepRow(Action.AddVoter, id, null, null);
          }
          for (int id : new int[] {5, 4}) {
            rows.add(server("remove server " + id, key(Action.RemoveVoter, id), key(Action.RemovePod, id),
                stepStarted.get(key(Action.RemovePod, id)), podGone.get(podKey(id)), serverOverheads));
            stepRow(Action.RemoveVoter, id, null, null);
            stepRow(Action.RemovePod, id, null, null);
          }
        }
      }
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nScaling benchmark (%d rounds of 3 -> 5 -> 3 on the sandbox; workload "
        + "timing %s)%n%nPer step (the scaler's unit of work; goal: overhead <= 1000 ms):%n", ROUNDS,
        ReconcileTiming.DEFAULT));
    out.append(String.format(Locale.ROOT, "%-12s %3s %16s %16s %22s%n", "step", "n", "total p50/max", "pod p50/max",
        "overhead p50/max (ms)"));
    for (Action action : Action.values()) {
      List<long[]> samples = stepSamples.getOrDefault(action, List.of());
      out.append(String.format(Locale.ROOT, "%-12s %3d %16s %16s %22s%n", action, samples.size(),
          p50Max(samples, 0), p50Max(samples, 1), p50Max(samples, 2)));
    }
    out.append(String.format(Locale.ROOT, "%nPer server (two steps each):%n%-20s %10s %10s %12s   %s%n", "server",
        "total ms", "pod ms", "overhead ms", "overhead split (ms)"));
    rows.forEach(r -> out.append(r).append('\n'));
    List<Long> sorted = serverOverheads.stream().sorted().toList();
    out.append(String.format(Locale.ROOT, "overhead per server: median %d ms, max %d ms%n",
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1)));
    out.append(String.format(Locale.ROOT, "load average before %.1f, after %.1f on %d CPUs%n", loadBefore, loadAfter,
        Runtime.getRuntime().availableProcessors()));
    System.out.print(out);
    Path file = Path.of("target", "bench", "scaling.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out.toString());
    assertThat(rows).hasSize(4 * ROUNDS);
    assertThat(stepSamples.values()).allSatisfy(samples -> assertThat(samples).hasSize(2 * ROUNDS));
  }

  /**
   * One server's figures; the last column splits the overhead: for an add, scale write → pod object, pod Ready →
   * AddVoter recorded, AddVoter recorded → done (reconfig and status); for a remove, RemoveVoter recorded → done, and
   * the pod gone → RemovePod done.
   */
  /**
   * One step: total from recorded to done; pod time only for AddPod (the pod object appearing → Ready), the rest of
   * every step is overhead (API writes, the workload controller's look, the reconfig, the StatefulSet controller).
   */
  private void stepRow(Action action, int id, Long podFrom, Long podTo) {
    String key = key(action, id);
    long total = millis(Objects.requireNonNull(stepStarted.get(key), "no start of " + key),
        Objects.requireNonNull(stepEnded.get(key), "no end of " + key));
    long pod = podFrom == null || podTo == null ? 0 : Math.max(0, millis(podFrom, podTo));
    stepSamples.computeIfAbsent(action, a -> new ArrayList<>()).add(new long[] {total, pod, total - pod});
  }

  private static String p50Max(List<long[]> samples, int column) {
    if (samples.isEmpty()) {
      return "-";
    }
    List<Long> values = samples.stream().map(s -> s[column]).sorted().toList();
    return values.get(values.size() / 2) + " / " + values.get(values.size() - 1);
  }

  private String server(String name, String firstStep, String lastStep, Long podFrom, Long podTo,
      List<Long> overheads) {
    Long start = stepStarted.get(firstStep);
    Long end = stepEnded.get(lastStep);
    Objects.requireNonNull(start, "no start of " + firstStep);
    Objects.requireNonNull(end, "no end of " + lastStep);
    Objects.requireNonNull(podFrom, "no pod start for " + name);
    Objects.requireNonNull(podTo, "no pod end for " + name);
    long total = millis(start, end);
    long pod = Math.max(0, millis(podFrom, podTo));
    overheads.add(total - pod);
    Long secondStart = stepStarted.get(lastStep);
    String split = firstStep.contains("AddPod")
        ? String.format(Locale.ROOT, "scale→pod %d, ready→vote %d, vote %d", millis(start, podFrom),
            millis(podTo, secondStart), millis(secondStart, end))
        : String.format(Locale.ROOT, "remove voter %d, pod gone→done %d", millis(start, secondStart),
            millis(podTo, end));
    return String.format(Locale.ROOT, "%-20s %10d %10d %12d   %s", "r" + round + " " + name, total, pod,
        total - pod, split);
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  private SharedIndexInformer<Pod> watchPods(Sandbox sandbox) {
    return sandbox.client().pods().inNamespace(NS).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        podAdded.put(podKey(pod.getMetadata().getName()), System.nanoTime());
        onUpdate(pod, pod);
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
            .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        if (ready) {
          podReady.putIfAbsent(podKey(pod.getMetadata().getName()), System.nanoTime());
        }
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        podGone.put(podKey(pod.getMetadata().getName()), System.nanoTime());
      }
    });
  }

  private SharedIndexInformer<ScalerTrait> watchSteps(Sandbox sandbox) {
    return sandbox.client().resources(ScalerTrait.class).inNamespace(NS).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(ScalerTrait trait) {
        onUpdate(trait, trait);
      }

      @Override
      public void onUpdate(ScalerTrait old, ScalerTrait trait) {
        ScalingStep now = trait.getStatus() == null ? null : trait.getStatus().step();
        ScalingStep before = lastStep;
        long at = System.nanoTime();
        if (before != null && (now == null || !sameStep(before, now))) {
          stepEnded.put(key(before.action(), before.serverId()), at);
        }
        if (now != null && (before == null || !sameStep(before, now))) {
          stepStarted.put(key(now.action(), now.serverId()), at);
        }
        lastStep = now;
      }

      @Override
      public void onDelete(ScalerTrait trait, boolean unknown) {
      }
    });
  }

  private static boolean sameStep(ScalingStep a, ScalingStep b) {
    return a.action() == b.action() && Objects.equals(a.serverId(), b.serverId())
        && Objects.equals(a.startedAt(), b.startedAt());
  }

  private String key(Action action, int id) {
    return round + ":" + action + ":" + id;
  }

  private String podKey(int id) {
    return podKey("zk-" + (id - 1));
  }

  private String podKey(String pod) {
    return round + ":" + pod;
  }

  private static void setTarget(Sandbox sandbox, int replicas) {
    sandbox.setScalerReplicas(NS, "zk-scaler", replicas);
  }

  private static void awaitIdle(Sandbox sandbox, int voters) {
    Await.until(WAIT, "Idle at " + voters, () -> {
      ScalerTrait t = sandbox.client().resources(ScalerTrait.class).inNamespace(NS).withName("zk-scaler").get();
      return t != null && t.getStatus() != null && t.getStatus().phase() == Phase.Idle
          && Optional.ofNullable(t.getStatus().currentVoters()).orElse(0) == voters
          && Objects.equals(t.getStatus().targetVoters(), voters);
    });
  }
}
