package io.zkoam.scaler.plan;

import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.ScalerTraitSpec;
import io.zkoam.api.v1alpha1.ServerRole;
import io.zkoam.api.v1alpha1.WorkloadRef;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds {@link EnsembleView}s of cluster {@code zk} in namespace {@code ns} for planner tests: voters whose pods are
 * ready on the committed version, generation == observedGeneration and quorum by default; every deviation is one call.
 */
public final class Views {
  public static final String VERSION = "100000003";

  private int specReplicas;
  private Long generation = 7L;
  private Long observedGeneration = 7L;
  private final Map<Integer, ClusterMember> members = new TreeMap<>();
  private String configVersion = VERSION;
  private final Map<Integer, PodObservation> pods = new TreeMap<>();
  private final Set<Integer> present = new TreeSet<>();
  private final Set<Integer> terminating = new TreeSet<>();
  private boolean quorum = true;

  private Views() {}

  /** Participants {@code ids}, each with a present pod, ready on {@link #VERSION}; spec.replicas = highest id. */
  public static Views voters(int... ids) {
    Views v = new Views();
    for (int id : ids) {
      v.member(id, ServerRole.participant).pod(id, true, VERSION);
    }
    v.specReplicas = Arrays.stream(ids).max().orElse(0);
    return v;
  }

  /** An ensemble the workload controller has not reported yet: no members, no version, pods starting. */
  public static Views unformed(int replicas) {
    Views v = new Views();
    v.configVersion = null;
    v.specReplicas = replicas;
    for (int id = 1; id <= replicas; id++) {
      v.pod(id, false, null);
    }
    return v;
  }

  public static String host(int id) {
    return pod(id) + ".zk-hs.ns.svc.cluster.local";
  }

  public static String pod(int id) {
    return "zk-" + (id - 1);
  }

  public static ScalerTraitSpec spec(int replicas) {
    return new ScalerTraitSpec(WorkloadRef.to("zk"), replicas, false, "10m");
  }

  public Views member(int id, ServerRole role) {
    members.put(id, new ClusterMember(id, pod(id), host(id), role));
    return this;
  }

  public Views observer(int id) {
    return member(id, ServerRole.observer);
  }

  public Views withoutMember(int id) {
    members.remove(id);
    return this;
  }

  /** A present pod (not terminating) with this readiness and configuration version. */
  public Views pod(int id, boolean ready, String version) {
    pods.put(id, new PodObservation(pod(id), id, "zk-1", ready, ready ? "follower" : "not-serving",
        members.containsKey(id) && members.get(id).isVoter(), version));
    present.add(id);
    terminating.remove(id);
    return this;
  }

  /** A ready, synced pod. */
  public Views readyPod(int id) {
    return pod(id, true, configVersion);
  }

  public Views terminating(int id) {
    present.remove(id);
    terminating.add(id);
    return this;
  }

  /** No Pod object and no observation. */
  public Views noPod(int id) {
    pods.remove(id);
    present.remove(id);
    terminating.remove(id);
    return this;
  }

  public Views specReplicas(int n) {
    specReplicas = n;
    return this;
  }

  public Views generations(Long generation, Long observed) {
    this.generation = generation;
    this.observedGeneration = observed;
    return this;
  }

  /** The committed version; pods that were synced with the old one follow it (the change spread). */
  public Views version(String version) {
    String old = configVersion;
    configVersion = version;
    pods.replaceAll((id, p) -> p.configVersion() != null && p.configVersion().equals(old)
        ? new PodObservation(p.name(), p.serverId(), p.revision(), p.ready(), p.mode(), p.voter(), version) : p);
    return this;
  }

  public Views noQuorum() {
    quorum = false;
    return this;
  }

  public EnsembleView build() {
    return new EnsembleView("zk", specReplicas, generation, observedGeneration, members, configVersion, pods,
        present, terminating, quorum);
  }
}
