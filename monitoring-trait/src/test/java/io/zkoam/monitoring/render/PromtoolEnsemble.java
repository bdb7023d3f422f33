package io.zkoam.monitoring.render;

import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The series prometheus-operator scrapes from ZooKeeper 3.9 (and 3.10) servers through the cluster's ServiceMonitor,
 * minute by minute: target labels {@code namespace}, {@code zk_cluster}, {@code pod}, {@code instance}, {@code job},
 * {@code service}, {@code endpoint}, {@code container}; gauges that exist only while a server serves (or leads);
 * counters and summaries that are always there; a target that goes down reports {@code up 0} and its series go stale
 * (../shared/notes/monitoring.md §2–5, §10, §11).
 */
final class PromtoolEnsemble {
  static final String NS = "shop";
  static final String CLUSTER = "orders";
  /** Samples at 0m, 1m, … STEPS m, one scrape a minute. */
  static final int STEPS = 100;

  static final Target P0 = new Target(NS, CLUSTER, 0);
  static final Target P1 = new Target(NS, CLUSTER, 1);
  static final Target P2 = new Target(NS, CLUSTER, 2);
  static final Target P3 = new Target(NS, CLUSTER, 3);

  private PromtoolEnsemble() {}

  /** A scrape target as prometheus-operator labels it: the ServiceMonitor on the headless Service, port metrics. */
  record Target(String namespace, String cluster, int ordinal) {
    String pod() {
      return ClusterNames.pod(cluster, ordinal);
    }

    Map<String, String> labels() {
      Map<String, String> l = new TreeMap<>();
      l.put("namespace", namespace);
      l.put(MonitoringNames.CLUSTER_LABEL, cluster);
      l.put("pod", pod());
      l.put("instance", "10.42." + Math.floorMod((namespace + "/" + cluster).hashCode(), 200) + "."
          + (10 + ordinal) + ":7000");
      l.put("job", ClusterNames.headlessService(cluster));
      l.put("service", ClusterNames.headlessService(cluster));
      l.put("endpoint", PodLayout.METRICS_PORT_NAME);
      l.put("container", PodLayout.ZOOKEEPER_CONTAINER);
      return l;
    }
  }

  enum Role { LEADER, FOLLOWER, STANDALONE }

  /** Registered while the server serves (any role); gone while LOOKING. */
  static final List<String> SERVING = List.of("znode_count", "watch_count", "ephemerals_count",
      "approximate_data_size", "outstanding_requests", "num_alive_connections", "global_sessions",
      "auth_failed_count", "uptime", "open_file_descriptor_count", "max_file_descriptor_count");
  /** Registered while the server serves as a quorum member. */
  static final List<String> QUORUM_MEMBER = List.of("quorum_size", "synced_observers");
  /** Registered only on the leader. */
  static final List<String> LEADER_ONLY = List.of("leader_uptime", "learners", "synced_followers",
      "synced_non_voting_followers");
  /** Counters whose name gains _total with 3.10's client_java 1.x. */
  static final List<String> COUNTERS = List.of("looking_count", "unrecoverable_error_count",
      "digest_mismatches_count", "connection_rejected");
  static final Map<String, String> JVM_310 = Map.of("jvm_memory_bytes_used", "jvm_memory_used_bytes",
      "jvm_memory_bytes_max", "jvm_memory_max_bytes");

  record SeriesKey(String metric, Map<String, String> labels, Target target) {}

  /** Samples per series, one a minute; NaN = absent (a staleness marker follows the last present sample). */
  static final class Ensemble {
    private final Map<SeriesKey, double[]> series = new LinkedHashMap<>();
    private final List<Target> targets = new ArrayList<>();

    static Ensemble quorum(String namespace, String cluster, int voters, int leader) {
      Ensemble e = new Ensemble();
      for (int i = 0; i < voters; i++) {
        e.server(new Target(namespace, cluster, i), i == leader ? Role.LEADER : Role.FOLLOWER, voters);
      }
      return e;
    }

    List<Target> targets() {
      return List.copyOf(targets);
    }

    /** A ZooKeeper 3.9 server as its /metrics shows it (a subset of the ~190 families). */
    void server(Target t, Role role, int voters) {
      targets.add(t);
      put(t, "up", m -> 1);
      put(t, "znode_count", m -> 5_000);
      put(t, "watch_count", m -> 300);
      put(t, "ephemerals_count", m -> 40);
      put(t, "approximate_data_size", m -> 2_097_152);
      put(t, "outstanding_requests", m -> 0);
      put(t, "num_alive_connections", m -> 20);
      put(t, "global_sessions", m -> 60);
      put(t, "auth_failed_count", m -> 0);
      put(t, "uptime", m -> 3_600_000 + 60_000.0 * m);
      put(t, "open_file_descriptor_count", m -> 80);
      put(t, "max_file_descriptor_count", m -> 1_048_576);
      if (role != Role.STANDALONE) {
        put(t, "quorum_size", m -> voters);
        put(t, "synced_observers", m -> 0);
      }
      if (role == Role.LEADER) {
        put(t, "leader_uptime", m -> 3_000_000 + 60_000.0 * m);
        put(t, "learners", m -> voters - 1);
        put(t, "synced_followers", m -> voters - 1);
        put(t, "synced_non_voting_followers", m -> 0);
      }
      put(t, "election_time_count", m -> role == Role.STANDALONE ? 0 : 1);
      put(t, "election_time_sum", m -> role == Role.STANDALONE ? 0 : 180);
      put(t, "looking_count", m -> role == Role.STANDALONE ? 0 : 1);
      put(t, "unrecoverable_error_count", m -> 0);
      put(t, "digest_mismatches_count", m -> 0);
      put(t, "connection_rejected", m -> 0);
      // Summaries in ms: writes 5 ms, reads 1 ms, fsync 2 ms on average.
      put(t, "updatelatency_count", m -> 100_000 + 600 * m);
      put(t, "updatelatency_sum", m -> 500_000 + 3_000 * m);
      put(t, "readlatency_count", m -> 1_000_000 + 6_000 * m);
      put(t, "readlatency_sum", m -> 1_000_000 + 6_000 * m);
      put(t, "fsynctime_count", m -> 100_000 + 600 * m);
      put(t, "fsynctime_sum", m -> 200_000 + 1_200 * m);
      put(t, "jvm_memory_bytes_used", Map.of("area", "heap"), m -> 268_435_456);
      put(t, "jvm_memory_bytes_used", Map.of("area", "nonheap"), m -> 83_886_080);
      put(t, "jvm_memory_bytes_max", Map.of("area", "heap"), m -> 1_073_741_824);
      put(t, "jvm_memory_bytes_max", Map.of("area", "nonheap"), m -> -1);
      put(t, "jvm_gc_collection_seconds_count", Map.of("gc", "G1 Young Generation"), m -> 500 + 2 * m);
      put(t, "jvm_gc_collection_seconds_sum", Map.of("gc", "G1 Young Generation"), m -> 30 + 0.6 * m);
      put(t, "jvm_gc_collection_seconds_count", Map.of("gc", "G1 Old Generation"), m -> 0);
      put(t, "jvm_gc_collection_seconds_sum", Map.of("gc", "G1 Old Generation"), m -> 0);
      put(t, "jvm_threads_current", m -> 48);
      put(t, "jvm_threads_deadlocked", m -> 0);
      put(t, "process_open_fds", m -> 150);
      put(t, "process_max_fds", m -> 1_048_576);
    }

    Ensemble put(Target t, String metric, IntToDoubleFunction f) {
      return put(t, metric, Map.of(), f);
    }

    Ensemble put(Target t, String metric, Map<String, String> extra, IntToDoubleFunction f) {
      double[] v = new double[STEPS + 1];
      Arrays.setAll(v, f::applyAsDouble);
      series.put(key(t, metric, extra), v);
      return this;
    }

    /** A series without a ZooKeeper target (another job). */
    Ensemble raw(String metric, Map<String, String> labels, IntToDoubleFunction f) {
      double[] v = new double[STEPS + 1];
      Arrays.setAll(v, f::applyAsDouble);
      series.put(new SeriesKey(metric, new TreeMap<>(labels), null), v);
      return this;
    }

    Ensemble set(Target t, String metric, int from, IntToDoubleFunction f) {
      return set(t, metric, Map.of(), from, f);
    }

    /** Values from minute {@code from} on; a series that did not exist before starts there. */
    Ensemble set(Target t, String metric, Map<String, String> extra, int from, IntToDoubleFunction f) {
      double[] v = series.computeIfAbsent(key(t, metric, extra), k -> nans());
      for (int m = from; m <= STEPS; m++) {
        v[m] = f.applyAsDouble(m);
      }
      return this;
    }

    /** From minute {@code from} on the series grows by {@code perMinute} a minute instead. */
    Ensemble grow(Target t, String metric, Map<String, String> extra, int from, double perMinute) {
      double[] v = existing(t, metric, extra);
      double base = v[from];
      return set(t, metric, extra, from, m -> base + perMinute * (m - from));
    }

    /** From minute {@code from} on, each observation of the summary takes {@code ms} on average. */
    Ensemble averageFrom(Target t, String summary, int from, double ms) {
      double[] count = existing(t, summary + "_count", Map.of());
      double[] sum = existing(t, summary + "_sum", Map.of());
      for (int m = from + 1; m <= STEPS; m++) {
        sum[m] = sum[m - 1] + (count[m] - count[m - 1]) * ms;
      }
      return this;
    }

    /** Adds {@code by} to every sample of the counter from minute {@code at} on. */
    Ensemble bump(Target t, String metric, int at, double by) {
      double[] v = existing(t, metric, Map.of());
      for (int m = at; m <= STEPS; m++) {
        v[m] += by;
      }
      return this;
    }

    Ensemble drop(Target t, Collection<String> metrics, int from) {
      series.forEach((k, v) -> {
        if (t.equals(k.target()) && metrics.contains(k.metric())) {
          Arrays.fill(v, from, STEPS + 1, Double.NaN);
        }
      });
      return this;
    }

    /** The server leaves the quorum (LOOKING): its serving, quorum and leader gauges are unregistered. */
    Ensemble stopServing(Target t, int from) {
      List<String> gone = new ArrayList<>(SERVING);
      gone.addAll(QUORUM_MEMBER);
      gone.addAll(LEADER_ONLY);
      return drop(t, gone, from);
    }

    /** The scrape fails: up is 0 and every other series of the target goes stale. */
    Ensemble down(Target t, int from) {
      series.forEach((k, v) -> {
        if (t.equals(k.target())) {
          Arrays.fill(v, from, STEPS + 1, k.metric().equals("up") ? 0 : Double.NaN);
        }
      });
      return this;
    }

    /** The target itself is gone (pod pending without an address, or deleted): every series, up too, goes stale. */
    Ensemble vanishAll(int from) {
      series.forEach((k, v) -> Arrays.fill(v, from, STEPS + 1, Double.NaN));
      return this;
    }

    Ensemble downAll(int from) {
      targets.forEach(t -> down(t, from));
      return this;
    }

    /** The same servers as ZooKeeper 3.10 names their series: counters with _total, client_java 1.x JVM names. */
    Ensemble zk310() {
      return rename(Ensemble::name310);
    }

    /** Only {@code t}, from minute {@code at} on: the old names go stale, the new ones continue the values. */
    Ensemble zk310(Target t, int at) {
      Map<SeriesKey, double[]> added = new LinkedHashMap<>();
      series.forEach((k, v) -> {
        String renamed = name310(k.metric());
        if (t.equals(k.target()) && !renamed.equals(k.metric())) {
          double[] now = nans();
          System.arraycopy(v, at, now, at, v.length - at);
          Arrays.fill(v, at, STEPS + 1, Double.NaN);
          added.put(new SeriesKey(renamed, k.labels(), t), now);
        }
      });
      series.putAll(added);
      return this;
    }

    static String name310(String name) {
      return COUNTERS.contains(name) ? name + "_total" : JVM_310.getOrDefault(name, name);
    }

    Ensemble rename(UnaryOperator<String> renaming) {
      Map<SeriesKey, double[]> renamed = new LinkedHashMap<>();
      series.forEach((k, v) -> renamed.put(new SeriesKey(renaming.apply(k.metric()), k.labels(), k.target()), v));
      series.clear();
      series.putAll(renamed);
      return this;
    }

    Ensemble addAll(Ensemble other) {
      series.putAll(other.series);
      targets.addAll(other.targets);
      return this;
    }

    /** Every series in insertion order, for the test file's input_series. */
    Map<SeriesKey, double[]> series() {
      return Collections.unmodifiableMap(series);
    }

    private double[] existing(Target t, String metric, Map<String, String> extra) {
      double[] v = series.get(key(t, metric, extra));
      if (v == null) {
        throw new IllegalArgumentException("no series " + metric + extra + " on " + t.pod());
      }
      return v;
    }

    private static SeriesKey key(Target t, String metric, Map<String, String> extra) {
      Map<String, String> labels = new TreeMap<>(t.labels());
      labels.putAll(extra);
      return new SeriesKey(metric, labels, t);
    }

    private static double[] nans() {
      double[] v = new double[STEPS + 1];
      Arrays.fill(v, Double.NaN);
      return v;
    }
  }
}
