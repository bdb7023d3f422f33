package io.zkoam.monitoring.render;

import static io.zkoam.monitoring.render.PromtoolEnsemble.CLUSTER;
import static io.zkoam.monitoring.render.PromtoolEnsemble.NS;
import static io.zkoam.monitoring.render.PromtoolEnsemble.P0;
import static io.zkoam.monitoring.render.PromtoolEnsemble.P1;
import static io.zkoam.monitoring.render.PromtoolEnsemble.P2;
import static io.zkoam.monitoring.render.PromtoolEnsemble.P3;

import io.zkoam.monitoring.render.PromtoolEnsemble.Ensemble;
import io.zkoam.monitoring.render.PromtoolEnsemble.Role;
import io.zkoam.monitoring.render.PromtoolEnsemble.Target;
import java.util.Map;

/** The scraped series of the scenarios: a healthy ensemble, and the ways it breaks, minute by minute. */
final class PromtoolInputs {
  private PromtoolInputs() {}

  static Ensemble healthy() {
    return Ensemble.quorum(NS, CLUSTER, 3, 0);
  }

  static Ensemble standalone() {
    Ensemble e = new Ensemble();
    e.server(P0, Role.STANDALONE, 1);
    return e;
  }

  static Ensemble withJoiner() {
    Ensemble e = healthy();
    e.server(P3, Role.FOLLOWER, 3);
    return e.set(P0, "synced_followers", 0, m -> 3).set(P0, "synced_non_voting_followers", 0, m -> 1)
        .set(P0, "learners", 0, m -> 3);
  }

  static Ensemble neighboursBroken() {
    Ensemble e = healthy();
    e.addAll(Ensemble.quorum(NS, "payments", 3, 1).downAll(30));
    Ensemble staging = Ensemble.quorum("staging", CLUSTER, 3, 0);
    staging.targets().forEach(t -> staging.stopServing(t, 30));
    e.addAll(staging);
    e.raw("up", Map.of("namespace", "monitoring", "job", "node-exporter", "instance", "10.0.0.5:9100",
        "pod", "node-exporter-x7k2p"), m -> m < 30 ? 1 : 0);
    return e;
  }

  static Ensemble leaderLost() {
    Ensemble e = healthy();
    for (Target t : e.targets()) {
      e.stopServing(t, 60).bump(t, "looking_count", 60, 1);
    }
    return e;
  }

  static Ensemble quorumLost() {
    return healthy().down(P0, 60).down(P1, 60).stopServing(P2, 60).bump(P2, "looking_count", 60, 1);
  }

  static Ensemble twoLeaders() {
    return healthy().set(P1, "leader_uptime", 80, m -> 60_000.0 * (m - 80)).set(P1, "synced_followers", 80, m -> 2)
        .set(P1, "synced_non_voting_followers", 80, m -> 0).set(P1, "learners", 80, m -> 2);
  }

  static Ensemble followerDown(int from) {
    return healthy().down(P2, from).set(P0, "synced_followers", from, m -> 1).set(P0, "learners", from, m -> 1);
  }

  static Ensemble followerNotServing() {
    return healthy().stopServing(P2, 60).bump(P2, "looking_count", 60, 1).set(P0, "synced_followers", 60, m -> 1)
        .set(P0, "learners", 60, m -> 1);
  }

  static Ensemble ensembleDown() {
    return healthy().downAll(60);
  }

  static Ensemble ensembleVanished() {
    return healthy().vanishAll(60);
  }

  /** Each election is observed on every server: election_time_count goes up by one on all of them. */
  static Ensemble elections(int... minutes) {
    Ensemble e = healthy();
    for (int minute : minutes) {
      for (Target t : e.targets()) {
        e.bump(t, "election_time_count", minute, 1).bump(t, "election_time_sum", minute, 180);
      }
    }
    return e;
  }

  static Ensemble threeElections() {
    return elections(50, 60, 70);
  }

  static Ensemble latency(Target t, String summary, double ms) {
    return healthy().averageFrom(t, summary, 70, ms);
  }

  static Ensemble writeLatency30() {
    return latency(P0, "updatelatency", 30);
  }

  static Ensemble heap(Ensemble e, String usedMetric, long bytes) {
    return e.set(P0, usedMetric, Map.of("area", "heap"), 70, m -> bytes);
  }

  static Ensemble counterErrors(Ensemble e, String suffix) {
    return e.bump(P0, "unrecoverable_error_count" + suffix, 87, 1)
        .bump(P1, "digest_mismatches_count" + suffix, 87, 1)
        .bump(P2, "connection_rejected" + suffix, 87, 7);
  }

  /**
   * One server starts to export 3.10's names with the same target labels (its pod IP reused, or instance relabelled
   * to the pod name): for a window both x and x_total of the same target exist, then the counters move.
   */
  static Ensemble inPlaceUpgradeThenErrors() {
    return counterErrors(healthy().zk310(P2, 88), P2, "_total", 89);
  }

  static Ensemble counterErrors(Ensemble e, Target t, String suffix, int at) {
    return e.bump(t, "unrecoverable_error_count" + suffix, at, 1).bump(t, "digest_mismatches_count" + suffix, at, 1)
        .bump(t, "connection_rejected" + suffix, at, 7);
  }

  /** G1 young collections take 0.12 s per second, old ones 0.01 s per second, from minute 70. */
  static Ensemble gcHeavy() {
    return healthy()
        .grow(P2, "jvm_gc_collection_seconds_sum", Map.of("gc", "G1 Young Generation"), 70, 7.2)
        .grow(P2, "jvm_gc_collection_seconds_sum", Map.of("gc", "G1 Old Generation"), 70, 0.6);
  }

  static Ensemble outstanding25() {
    return healthy().set(P0, "outstanding_requests", 80, m -> 25);
  }

  static Ensemble watches25k() {
    return healthy().set(P2, "watch_count", 80, m -> 25_000);
  }

  static Ensemble sessionsSurge() {
    return everywhere(healthy(), "global_sessions", 70, 600);
  }

  static Ensemble everywhere(Ensemble e, String metric, int from, long value) {
    e.targets().forEach(t -> e.set(t, metric, from, m -> value));
    return e;
  }
}
