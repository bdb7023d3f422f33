package io.zkoam.monitoring.render;

import io.zkoam.api.v1alpha1.AlertThresholds;
import io.zkoam.api.v1alpha1.ExtraAlertRule.Severity;
import java.util.List;
import java.util.function.BiFunction;

/**
 * zkoam's default alerts (../shared/notes/monitoring.md §10). Every selector carries the cluster's namespace and
 * zk_cluster labels and every aggregation keeps them, so an Alertmanager that confines routes to their namespace still
 * sees the alert. Counters are matched with and without {@code _total} and JVM metrics under both client generations,
 * so the same rules work on ZooKeeper 3.8/3.9 and 3.10. Latencies are in milliseconds, as ZooKeeper reports them.
 */
public final class AlertCatalog {
  static final String BY = "by (namespace, zk_cluster)";

  private AlertCatalog() {}

  public static final List<DefaultAlert> ALL = List.of(
      alert("ZooKeeperEnsembleDown", Severity.critical, "1m", 1,
          (s, t) -> "(sum " + BY + " (up{" + s + "}) == 0) or (absent(up{" + s + "}) unless absent_over_time(up{"
              + s + "}[1h]))",
          "ZooKeeper ensemble {{ $labels.namespace }}/{{ $labels.zk_cluster }} is down",
          "No server of the ensemble can be scraped, or every target vanished (pods pending or deleted); clients "
              + "cannot connect."),
      alert("ZooKeeperNoLeader", Severity.critical, "1m", 2,
          (s, t) -> "count " + BY + " (up{" + s + "} == 1) unless on (namespace, zk_cluster) count " + BY
              + " (leader_uptime{" + s + "})",
          "ZooKeeper ensemble {{ $labels.namespace }}/{{ $labels.zk_cluster }} has no leader",
          "Servers answer but none leads: quorum is lost or an election does not finish. Writes fail."),
      alert("ZooKeeperMultipleLeaders", Severity.critical, "2m", 2,
          (s, t) -> "count " + BY + " (leader_uptime{" + s + "}) > 1",
          "ZooKeeper ensemble {{ $labels.namespace }}/{{ $labels.zk_cluster }} has {{ $value }} leaders",
          "More than one server claims leadership for minutes: the ensemble may be split."),
      alert("ZooKeeperNoFaultTolerance", Severity.critical, "5m", 3,
          (s, t) -> "(" + syncedVoters(s) + ") <= floor(max " + BY + " (quorum_size{" + s + "}) / 2) + 1",
          "ZooKeeper ensemble {{ $labels.namespace }}/{{ $labels.zk_cluster }} cannot lose another voter",
          "Only {{ $value }} voters (leader included) are in sync: one more failure loses the quorum."),
      alert("ZooKeeperFollowersNotSynced", Severity.warning, "5m", 2,
          (s, t) -> "max " + BY + " (quorum_size{" + s + "}) - (" + syncedVoters(s) + ") > 0",
          "ZooKeeper ensemble {{ $labels.namespace }}/{{ $labels.zk_cluster }} has {{ $value }} voters out of sync",
          "Voting followers are not synced with the leader (down, restarting or lagging)."),
      alert("ZooKeeperNodeNotServing", Severity.warning, "3m", 1,
          (s, t) -> "(up{" + s + "} == 1) unless on (namespace, zk_cluster, instance) znode_count{" + s + "}",
          "ZooKeeper server {{ $labels.pod }} runs but does not serve",
          "The server answers scrapes (and ruok) but serves no clients: it is LOOKING or outside the quorum."),
      alert("ZooKeeperTargetDown", Severity.warning, "2m", 1,
          (s, t) -> "up{" + s + "} == 0",
          "ZooKeeper server {{ $labels.pod }} cannot be scraped",
          "The metrics endpoint of {{ $labels.pod }} does not answer: the server is down or restarting."),
      alert("ZooKeeperMetricsAbsent", Severity.warning, "10m", 1,
          (s, t) -> "absent(up{" + s + "})",
          "No metrics of ZooKeeper ensemble {{ $labels.namespace }}/{{ $labels.zk_cluster }}",
          "Prometheus scrapes no target of the ensemble: the monitor is not selected by any Prometheus, or the "
              + "metrics port or labels are wrong."),
      alert("ZooKeeperLeaderElection", Severity.info, null, 1,
          (s, t) -> "max " + BY + " (increase(election_time_count{" + s + "}[5m])) > 0",
          "ZooKeeper ensemble {{ $labels.namespace }}/{{ $labels.zk_cluster }} elected a leader",
          "A leader election finished in the last 5 minutes (a full rollout causes exactly one)."),
      alert("ZooKeeperFrequentLeaderElections", Severity.warning, null, 1,
          // round: increase() extrapolates to the window's edges (3 elections read as ~3.05), so without it the
          // alert fired at the threshold instead of above it and printed fractional election counts.
          (s, t) -> "round(max " + BY + " (increase(election_time_count{" + s + "}[1h]))) > " + t.electionsPerHour(),
          "ZooKeeper ensemble {{ $labels.namespace }}/{{ $labels.zk_cluster }} keeps electing leaders",
          "{{ $value }} elections in the last hour: leadership flaps (network, GC pauses, overloaded disks)."),
      alert("ZooKeeperUnrecoverableError", Severity.critical, null, 1,
          (s, t) -> increased("unrecoverable_error_count", s, "10m"),
          "ZooKeeper server {{ $labels.pod }} hit an unrecoverable error",
          "The server reported an unrecoverable error and stops serving; see its log."),
      alert("ZooKeeperDigestMismatch", Severity.critical, null, 1,
          (s, t) -> increased("digest_mismatches_count", s, "10m"),
          "ZooKeeper server {{ $labels.pod }} found a data tree digest mismatch",
          "The server's data tree differs from the leader's: possible inconsistency."),
      alert("ZooKeeperConnectionsRejected", Severity.warning, null, 1,
          (s, t) -> increased("connection_rejected", s, "5m"),
          "ZooKeeper server {{ $labels.pod }} rejects connections",
          "Client connections were rejected by connection limits (maxClientCnxns per client IP, maxCnxns)."),
      alert("ZooKeeperAuthFailures", Severity.warning, null, 1,
          (s, t) -> "delta(auth_failed_count{" + s + "}[10m]) > 0",
          "ZooKeeper server {{ $labels.pod }} sees authentication failures",
          "{{ $value }} failed authentications in 10 minutes."),
      alert("ZooKeeperOutstandingRequests", Severity.warning, "5m", 1,
          (s, t) -> "outstanding_requests{" + s + "} > " + t.outstandingRequests(),
          "ZooKeeper server {{ $labels.pod }} queues requests",
          "{{ $value }} requests are outstanding: the server cannot keep up."),
      alert("ZooKeeperHighWriteLatency", Severity.warning, "10m", 1,
          (s, t) -> average("updatelatency", s) + " > " + t.writeLatencyMs(),
          "ZooKeeper server {{ $labels.pod }} writes slowly",
          "Average write latency {{ $value }} ms over 5 minutes."),
      alert("ZooKeeperHighReadLatency", Severity.warning, "10m", 1,
          (s, t) -> average("readlatency", s) + " > " + t.readLatencyMs(),
          "ZooKeeper server {{ $labels.pod }} reads slowly",
          "Average read latency {{ $value }} ms over 5 minutes."),
      alert("ZooKeeperSlowFsync", Severity.warning, "10m", 1,
          (s, t) -> average("fsynctime", s) + " > " + t.fsyncMs(),
          "ZooKeeper server {{ $labels.pod }} syncs its log slowly",
          "Average fsync {{ $value }} ms over 5 minutes: the data volume is slow or shared."),
      alert("ZooKeeperTooManyZnodes", Severity.warning, "5m", 1,
          (s, t) -> "znode_count{" + s + "} > " + t.znodeCount(),
          "ZooKeeper server {{ $labels.pod }} holds {{ $value }} znodes",
          "The data tree is larger than the threshold; snapshots and syncs slow down."),
      alert("ZooKeeperDataSizeTooLarge", Severity.warning, "5m", 1,
          (s, t) -> "approximate_data_size{" + s + "} > " + t.dataSizeBytes(),
          "ZooKeeper server {{ $labels.pod }} holds {{ $value | humanize1024 }}B of data",
          "The in-memory data tree is larger than the threshold; check the heap."),
      alert("ZooKeeperTooManyWatches", Severity.warning, "5m", 1,
          (s, t) -> "watch_count{" + s + "} > " + t.watchCount(),
          "ZooKeeper server {{ $labels.pod }} holds {{ $value }} watches",
          "More watches than the threshold; watch notifications cost memory and network."),
      alert("ZooKeeperFileDescriptorsNearLimit", Severity.warning, "5m", 1,
          (s, t) -> "process_open_fds{" + s + "} / process_max_fds{" + s + "} > " + ratio(t.fileDescriptorRatio()),
          "ZooKeeper server {{ $labels.pod }} uses {{ $value | humanizePercentage }} of its file descriptors",
          "File descriptors are near the limit; new connections and log segments will fail."),
      alert("ZooKeeperJvmHeapHigh", Severity.warning, "10m", 1,
          (s, t) -> "(jvm_memory_bytes_used{" + s + ",area=\"heap\"} or jvm_memory_used_bytes{" + s
              + ",area=\"heap\"}) / (jvm_memory_bytes_max{" + s + ",area=\"heap\"} or jvm_memory_max_bytes{" + s
              + ",area=\"heap\"}) > " + ratio(t.heapRatio()),
          "ZooKeeper server {{ $labels.pod }} uses {{ $value | humanizePercentage }} of its heap",
          "Heap pressure: raise spec.jvm heap or reduce the data tree."),
      alert("ZooKeeperGcTimeHigh", Severity.warning, "10m", 1,
          (s, t) -> "sum without (gc) (rate(jvm_gc_collection_seconds_sum{" + s + "}[5m])) > "
              + ratio(t.gcTimeRatio()),
          "ZooKeeper server {{ $labels.pod }} spends {{ $value | humanizePercentage }} of its time in GC",
          "Long or frequent GC pauses delay heartbeats and can cost the leadership."),
      alert("ZooKeeperJvmDeadlock", Severity.critical, "2m", 1,
          (s, t) -> "jvm_threads_deadlocked{" + s + "} > 0",
          "ZooKeeper server {{ $labels.pod }} has deadlocked threads",
          "{{ $value }} JVM threads are deadlocked; the server needs a restart."));

  public static List<String> names() {
    return ALL.stream().map(DefaultAlert::name).toList();
  }

  /** Voters in sync with the leader, the leader included; only the leader exports the two gauges. */
  private static String syncedVoters(String s) {
    return "max " + BY + " (synced_followers{" + s + "}) - max " + BY + " (synced_non_voting_followers{" + s
        + "}) + 1";
  }

  /**
   * The counter grew in the window, under its 3.8/3.9 name or 3.10's {@code _total} one. Not
   * {@code increase({__name__=~"x(_total)?"}[w])}: increase drops the name, so a target that switches names while
   * keeping its labels (pod IP reused, or instance relabelled to the pod) fails the whole rule with "vector cannot
   * contain metrics with the same labelset" for the length of the window. {@code or} keeps one of the two instead.
   */
  private static String increased(String name, String s, String window) {
    return "increase(" + name + "{" + s + "}[" + window + "]) > 0 or increase(" + name + "_total{" + s + "}["
        + window + "]) > 0";
  }

  private static String average(String summary, String s) {
    return "rate(" + summary + "_sum{" + s + "}[5m]) / rate(" + summary + "_count{" + s + "}[5m])";
  }

  private static String ratio(double value) {
    return Double.toString(value);
  }

  private static DefaultAlert alert(String name, Severity severity, String forDuration, int minVoters,
      BiFunction<String, AlertThresholds, String> expr, String summary, String description) {
    return new DefaultAlert(name, severity, forDuration, minVoters, expr, summary, description);
  }
}
