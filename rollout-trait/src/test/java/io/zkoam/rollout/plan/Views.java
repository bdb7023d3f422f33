package io.zkoam.rollout.plan;

import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.RolloutTraitSpec;
import io.zkoam.api.v1alpha1.WorkloadRef;
import io.zkoam.rollout.plan.RolloutView.PodState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds {@link RolloutView}s of cluster {@code zk} for planner tests: pods {@code zk-0..zk-(n-1)}, each a voter that is
 * Ready, serving and synced on {@link #CONFIG}, a follower except the leader; quorum; the StatefulSet's update revision
 * is {@link #NEW}. Every deviation is one call.
 */
public final class Views {
  public static final String OLD = "old";
  public static final String NEW = "new";
  public static final String CONFIG = "100000003";
  /** When the original pods were created: long before every test's NOW. */
  public static final Instant CREATED = Instant.parse("2025-02-01T08:00:00Z");

  private final Map<Integer, PodState> pods = new TreeMap<>();
  private final Set<Integer> voters = new TreeSet<>();
  private final Map<Integer, Integer> incarnations = new HashMap<>();
  private String updateRevision = NEW;
  private String configVersion = CONFIG;
  private String leader;
  private boolean quorum = true;

  private Views() {}

  /** {@code n} voting pods on revision {@link #OLD}; the pod with ordinal {@code leaderOrdinal} leads. */
  public static Views onOld(int n, int leaderOrdinal) {
    return on(OLD, n, leaderOrdinal);
  }

  /** {@code n} voting pods already on revision {@link #NEW}; the pod with ordinal {@code leaderOrdinal} leads. */
  public static Views onNew(int n, int leaderOrdinal) {
    return on(NEW, n, leaderOrdinal);
  }

  private static Views on(String revision, int n, int leaderOrdinal) {
    Views v = new Views();
    v.leader = pod(leaderOrdinal);
    for (int ordinal = 0; ordinal < n; ordinal++) {
      v.voters.add(ordinal + 1);
      v.pods.put(ordinal, new PodState(pod(ordinal), ordinal, uid(ordinal, 0), CREATED, false, true, revision,
          v.observation(ordinal, true, v.mode(ordinal), CONFIG, revision)));
    }
    return v;
  }

  public static String pod(int ordinal) {
    return "zk-" + ordinal;
  }

  /** uid of the pod object; each recreation gets a new one. */
  public static String uid(int ordinal, int incarnation) {
    return "uid-" + pod(ordinal) + (incarnation == 0 ? "" : "-" + incarnation);
  }

  /** The spec with every default: partition 0, maxUnavailable 1, not paused, podReadyTimeout 10m, no pause. */
  public static RolloutTraitSpec spec() {
    return spec(0, 1, false, "10m", "0s", null);
  }

  public static RolloutTraitSpec spec(Integer partition, Integer maxUnavailable, Boolean paused, String podReadyTimeout,
      String pauseBetweenPods, String restartAt) {
    return new RolloutTraitSpec(WorkloadRef.to("zk"), partition, maxUnavailable, paused, podReadyTimeout,
        pauseBetweenPods, restartAt);
  }

  private String mode(int ordinal) {
    return pod(ordinal).equals(leader) ? "leader" : "follower";
  }

  private PodObservation observation(int ordinal, boolean ready, String mode, String version, String revision) {
    return new PodObservation(pod(ordinal), ordinal + 1, revision, ready, mode, voters.contains(ordinal + 1),
        version);
  }

  private PodState get(int ordinal) {
    PodState p = pods.get(ordinal);
    if (p == null) {
      throw new IllegalStateException("no pod " + pod(ordinal));
    }
    return p;
  }

  private Views replace(int ordinal, java.util.function.UnaryOperator<PodState> change) {
    pods.put(ordinal, change.apply(get(ordinal)));
    return this;
  }

  /** The pod object was deleted and recreated at {@code created} on the update revision, Ready, serving and synced. */
  public Views recreated(int ordinal, Instant created) {
    int incarnation = incarnations.merge(ordinal, 1, Integer::sum);
    String mode = pod(ordinal).equals(leader) ? "leader" : "follower";
    pods.put(ordinal, new PodState(pod(ordinal), ordinal, uid(ordinal, incarnation), created, false, true,
        updateRevision, observation(ordinal, true, mode, configVersion, updateRevision)));
    return this;
  }

  /** The pod object exists but is not Ready, and its server does not serve. */
  public Views notReady(int ordinal) {
    return replace(ordinal, p -> new PodState(p.name(), p.ordinal(), p.uid(), p.created(), p.terminating(), false,
        p.revision(), observation(ordinal, false, "not-serving", null, p.revision())));
  }

  /** Ready and serving, but its server holds configuration {@code version} instead of the committed one. */
  public Views onConfig(int ordinal, String version) {
    return replace(ordinal, p -> new PodState(p.name(), p.ordinal(), p.uid(), p.created(), p.terminating(),
        p.ready(), p.revision(), new PodObservation(p.name(), ordinal + 1, p.revision(), p.observation().ready(),
            p.observation().mode(), p.observation().voter(), version)));
  }

  /** The Pod is Ready but the workload controller has not observed it yet. */
  public Views unobserved(int ordinal) {
    return replace(ordinal, p -> new PodState(p.name(), p.ordinal(), p.uid(), p.created(), p.terminating(),
        p.ready(), p.revision(), null));
  }

  /** Pod Ready, but the agent reports this server mode. */
  public Views mode(int ordinal, String mode) {
    return replace(ordinal, p -> new PodState(p.name(), p.ordinal(), p.uid(), p.created(), p.terminating(),
        p.ready(), p.revision(), new PodObservation(p.name(), ordinal + 1, p.revision(), p.observation().ready(),
            mode, p.observation().voter(), p.observation().configVersion())));
  }

  public Views terminating(int ordinal) {
    return replace(ordinal, p -> new PodState(p.name(), p.ordinal(), p.uid(), p.created(), true, p.ready(),
        p.revision(), p.observation()));
  }

  /** No Pod object (deleted, not recreated yet); its server id stays in the committed configuration. */
  public Views noPod(int ordinal) {
    pods.remove(ordinal);
    return this;
  }

  public Views revision(int ordinal, String revision) {
    return replace(ordinal, p -> new PodState(p.name(), p.ordinal(), p.uid(), p.created(), p.terminating(),
        p.ready(), revision, p.observation()));
  }

  public Views created(int ordinal, Instant created) {
    return replace(ordinal, p -> new PodState(p.name(), p.ordinal(), p.uid(), created, p.terminating(), p.ready(),
        p.revision(), p.observation()));
  }

  /** The server observes: not in the committed voters. */
  public Views observer(int ordinal) {
    voters.remove(ordinal + 1);
    return mode(ordinal, "observer");
  }

  /** Only these server ids vote (pods of other ids are non-voting). */
  public Views voters(Integer... ids) {
    voters.clear();
    voters.addAll(Set.of(ids));
    return this;
  }

  public Views leader(String pod) {
    leader = pod;
    return this;
  }

  public Views noQuorum() {
    quorum = false;
    return this;
  }

  public Views updateRevision(String revision) {
    updateRevision = revision;
    return this;
  }

  public Views configVersion(String version) {
    configVersion = version;
    return this;
  }

  public RolloutView build() {
    Map<String, PodState> byName = new HashMap<>();
    pods.values().forEach(p -> byName.put(p.name(), p));
    return new RolloutView("zk", updateRevision, configVersion, leader, quorum, voters, byName);
  }
}
