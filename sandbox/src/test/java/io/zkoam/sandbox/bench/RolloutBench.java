package io.zkoam.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.testing.Await;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.RolloutTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.sandbox.Sandbox;
import io.zkoam.sandbox.SandboxOptions;
import io.zkoam.sandbox.check.CheckReport;
import io.zkoam.sandbox.check.WorkloadChecker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's benchmark: the same rollouts done by the RolloutTrait (followers first, leader last) and by a baseline
 * that deletes pods in reverse ordinal order and waits for each to be Ready, the way a StatefulSet RollingUpdate
 * does (pravega's approach), side by side on one sandbox with real ZooKeeper servers and the workload checker
 * writing. Per run it counts leader elections (new epochs the agents report) and the longest time without an
 * acknowledged write. Each seeded run first crashes the server of a voter chosen by the seed (so the leader sits at
 * a different ordinal from run to run) and then does both rollouts, in an order the seed picks. Not part of
 * {@code mvn verify}: {@code mvn -B -pl sandbox verify -Pbench -Dtest=RolloutBench} ({@code -Dzkoam.bench.runs=N},
 * default 20; {@code -Dzkoam.bench.sizes=3,5}).
 */
class RolloutBench {
  private static final int RUNS = Integer.getInteger("zkoam.bench.runs", 20);
  private static final String SIZES = System.getProperty("zkoam.bench.sizes", "3,5");
  private static final String NS = "default";
  private static final Duration WAIT = Duration.ofSeconds(300);
  private static final String[] VERSIONS = {"3.9.4", "3.9.5"};

  private record Result(int size, String strategy, long elections, long unavailableMillis, long lost) {}

  @Test
  void electionsAndUnavailabilityOfBothStrategies() throws IOException {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Result> results = new ArrayList<>();
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.forTests())) {
      for (String size : SIZES.split(",")) {
        results.addAll(runSize(sandbox, Integer.parseInt(size.strip())));
      }
    }
    String table = table(results, loadBefore);
    System.out.print(table);
    Path file = Path.of("target", "bench", "rollout.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, table);
    assertThat(results).allSatisfy(r -> assertThat(r.lost()).as(r.toString()).isZero());
  }

  private List<Result> runSize(Sandbox sandbox, int size) {
    String cluster = "r" + size;
    sandbox.apply("apiVersion: zkoam.io/v1alpha1\nkind: ZooKeeperCluster\nmetadata: {name: " + cluster + "}\n"
        + "spec: {replicas: " + size + ", version: \"3.9.5\", storage: {size: 1Gi}}\n");
    awaitReady(sandbox, cluster);
    sandbox.apply("apiVersion: zkoam.io/v1alpha1\nkind: RolloutTrait\nmetadata: {name: " + cluster + "-rollout}\n"
        + "spec: {workloadRef: {kind: ZooKeeperCluster, name: " + cluster + "}, paused: true}\n");
    List<Result> results = new ArrayList<>();
    int version = 1;
    for (int run = 0; run < RUNS; run++) {
      Random seed = new Random(run);
      String victim = cluster + "-" + seed.nextInt(size);
      sandbox.node().crash(NS, victim, "zookeeper");
      Await.until(Duration.ofSeconds(30), victim + " noticed down", () -> !podReady(sandbox, victim));
      awaitReady(sandbox, cluster);
      boolean oursFirst = seed.nextBoolean();
      for (int i = 0; i < 2; i++) {
        boolean ours = (i == 0) == oursFirst;
        version = 1 - version;
        Result result = rollout(sandbox, cluster, size, ours, VERSIONS[version]);
        results.add(result);
        // Each result as it comes, so a run cut short still leaves its figures.
        System.out.printf(Locale.ROOT, "size %d run %d %s: elections %d, longest unavailability %d ms, lost %d%n",
            size, run + 1, result.strategy(), result.elections(), result.unavailableMillis(), result.lost());
      }
      System.out.printf(Locale.ROOT, "size %d run %d/%d done (victim %s)%n", size, run + 1, RUNS, victim);
    }
    sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName(cluster).delete();
    Await.until(WAIT, cluster + " gone", () -> pods(sandbox, cluster).isEmpty());
    return results;
  }

  private Result rollout(Sandbox sandbox, String cluster, int size, boolean ours, String version) {
    String trait = cluster + "-rollout";
    if (ours) {
      patch(sandbox, RolloutTrait.class, trait, "{\"spec\":{\"paused\":false}}");
    }
    WorkloadChecker checker = sandbox.checker(NS, cluster, Duration.ofMillis(20)).start();
    Await.until(Duration.ofSeconds(30), "writes flowing", () -> checker.acknowledgedSoFar() >= 25);
    String before = zk(sandbox, cluster).getStatus().updateRevision();
    patch(sandbox, ZooKeeperCluster.class, cluster, "{\"spec\":{\"version\":\"" + version + "\"}}");
    Await.until(Duration.ofSeconds(60), "new revision", () -> {
      String now = zk(sandbox, cluster).getStatus().updateRevision();
      return now != null && !now.equals(before);
    });
    if (ours) {
      Await.until(WAIT, "rollout complete", () -> {
        RolloutTrait t = sandbox.client().resources(RolloutTrait.class).inNamespace(NS).withName(trait).get();
        return t.getStatus() != null && t.getStatus().phase() == Phase.Complete
            && zk(sandbox, cluster).getStatus().updateRevision().equals(t.getStatus().targetRevision());
      }, () -> "\ntrait " + sandbox.client().resources(RolloutTrait.class).inNamespace(NS).withName(trait).get()
          .getStatus() + "\ncluster " + zk(sandbox, cluster).getStatus() + "\npods " + pods(sandbox, cluster).stream()
          .map(p -> p.getMetadata().getName() + ":" + p.getMetadata().getUid() + ":"
              + p.getMetadata().getLabels().get("controller-revision-hash") + ":" + p.getStatus().getConditions())
          .toList());
    } else {
      reverseOrdinalRollout(sandbox, cluster, size);
    }
    awaitReady(sandbox, cluster);
    long now = checker.acknowledgedSoFar();
    Await.until(Duration.ofSeconds(30), "writes flowing again", () -> checker.acknowledgedSoFar() >= now + 25);
    CheckReport report = checker.stopAndVerify();
    if (ours) {
      patch(sandbox, RolloutTrait.class, trait, "{\"spec\":{\"paused\":true}}");
    }
    return new Result(size, ours ? "zkoam" : "reverse-ordinal", report.leaderElections(),
        report.maxUnavailable().toMillis(), report.lost());
  }

  /** What a StatefulSet RollingUpdate does: highest ordinal first, the next once the previous is Running and Ready. */
  private static void reverseOrdinalRollout(Sandbox sandbox, String cluster, int size) {
    for (int ordinal = size - 1; ordinal >= 0; ordinal--) {
      String name = cluster + "-" + ordinal;
      String uid = sandbox.client().pods().inNamespace(NS).withName(name).get().getMetadata().getUid();
      sandbox.client().pods().inNamespace(NS).withName(name).delete();
      Await.until(WAIT, name + " back and Ready", () -> {
        Pod pod = sandbox.client().pods().inNamespace(NS).withName(name).get();
        return pod != null && !pod.getMetadata().getUid().equals(uid) && podReady(sandbox, name);
      });
    }
  }

  private static String table(List<Result> results, double loadBefore) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nRollout benchmark: %d seeded runs per size, "
        + "both strategies per run%n%-6s %-16s %5s %14s %12s %22s%n", RUNS, "size", "strategy", "runs",
        "elections mean", "exactly 1", "unavailable p50/max ms"));
    for (String size : SIZES.split(",")) {
      int n = Integer.parseInt(size.strip());
      long[] p50 = new long[2];
      int k = 0;
      for (String strategy : new String[] {"zkoam", "reverse-ordinal"}) {
        List<Result> rs = results.stream().filter(r -> r.size() == n && r.strategy().equals(strategy)).toList();
        List<Long> gaps = rs.stream().map(Result::unavailableMillis).sorted().toList();
        double mean = rs.stream().mapToLong(Result::elections).average().orElse(0);
        long exactlyOne = rs.stream().filter(r -> r.elections() == 1).count();
        p50[k++] = gaps.isEmpty() ? 0 : gaps.get(gaps.size() / 2);
        out.append(String.format(Locale.ROOT, "%-6d %-16s %5d %14.2f %11d%% %22s%n", n, strategy, rs.size(), mean,
            rs.isEmpty() ? 0 : 100 * exactlyOne / rs.size(),
            gaps.isEmpty() ? "-" : gaps.get(gaps.size() / 2) + " / " + gaps.get(gaps.size() - 1)));
      }
      out.append(String.format(Locale.ROOT, "%-6d longest write unavailability p50, zkoam / reverse-ordinal: %.2f "
          + "(goal <= 0.50)%n", n, p50[1] == 0 ? 0 : (double) p50[0] / p50[1]));
    }
    out.append(String.format(Locale.ROOT, "goal: exactly 1 election in >= 95%% of zkoam's runs; load average before "
        + "%.1f, after %.1f on %d CPUs%n", loadBefore, ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors()));
    return out.toString();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> void patch(Sandbox sandbox, Class<T> type,
      String name, String json) {
    sandbox.client().resources(type).inNamespace(NS).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  private static void awaitReady(Sandbox sandbox, String cluster) {
    Await.until(WAIT, cluster + " Ready", () -> {
      ZooKeeperCluster zk = zk(sandbox, cluster);
      return zk != null && zk.getStatus() != null && Conditions.isTrue(zk.getStatus().conditions(), "Ready")
          && !Conditions.isTrue(zk.getStatus().conditions(), "Degraded")
          && zk.getStatus().pods().stream().allMatch(p -> Boolean.TRUE.equals(p.ready()));
    });
  }

  private static boolean podReady(Sandbox sandbox, String name) {
    Pod pod = sandbox.client().pods().inNamespace(NS).withName(name).get();
    return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
        .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static List<Pod> pods(Sandbox sandbox, String cluster) {
    return sandbox.client().pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", cluster).list()
        .getItems();
  }

  private static ZooKeeperCluster zk(Sandbox sandbox, String cluster) {
    return sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName(cluster).get();
  }
}
