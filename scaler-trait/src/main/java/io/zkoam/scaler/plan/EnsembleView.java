package io.zkoam.scaler.plan;

import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.Defaults;
import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the scaler knows of its workload: the workload controller's published status (committed members, per-pod
 * readiness, mode and config version) plus which Pod objects exist. Everything the planner decides on, nothing it
 * has to ask for.
 *
 * @param cluster name of the ZooKeeperCluster
 * @param specReplicas the workload's spec.replicas (the scale subresource)
 * @param generation the workload's metadata.generation
 * @param observedGeneration the generation its status describes, null before the first status
 * @param members committed dynamic configuration by server id
 * @param configVersion hex version of that configuration, null when none was observed yet
 * @param pods per-pod observations by server id
 * @param podsPresent server ids whose Pod object exists and is not being deleted
 * @param podsTerminating server ids whose Pod object exists with a deletion timestamp
 * @param quorumAvailable the workload's QuorumAvailable condition
 */
public record EnsembleView(String cluster, int specReplicas, Long generation, Long observedGeneration,
    Map<Integer, ClusterMember> members, String configVersion, Map<Integer, PodObservation> pods,
    Set<Integer> podsPresent, Set<Integer> podsTerminating, boolean quorumAvailable) {

  public EnsembleView {
    members = Map.copyOf(members);
    pods = Map.copyOf(pods);
    podsPresent = Set.copyOf(podsPresent);
    podsTerminating = Set.copyOf(podsTerminating);
  }

  /**
   * @param podNames names of the Pod objects of the cluster that exist, with whether each is terminating
   */
  public static EnsembleView of(ZooKeeperCluster zk, Map<String, Boolean> podNames) {
    String name = zk.getMetadata().getName();
    ZooKeeperClusterStatus status = zk.getStatus();
    List<ClusterMember> members = status == null ? List.of() : status.members();
    List<PodObservation> pods = status == null ? List.of() : status.pods();
    Set<Integer> present = new TreeSet<>();
    Set<Integer> terminating = new TreeSet<>();
    podNames.forEach((pod, deleting) -> ClusterNames.ordinal(name, pod).ifPresent(o ->
        (deleting ? terminating : present).add(ClusterNames.serverId(o))));
    int replicas = zk.getSpec() == null || zk.getSpec().replicas() == null ? Defaults.REPLICAS
        : zk.getSpec().replicas();
    return new EnsembleView(name, replicas, zk.getMetadata().getGeneration(),
        status == null ? null : status.observedGeneration(),
        members.stream().filter(m -> m.id() != null).collect(Collectors.toMap(ClusterMember::id, Function.identity(),
            (a, b) -> a)),
        status == null || members.isEmpty() ? null : status.configVersion(),
        pods.stream().filter(p -> p.serverId() != null).collect(Collectors.toMap(PodObservation::serverId,
            Function.identity(), (a, b) -> a)),
        present, terminating,
        status != null && Conditions.isTrue(status.conditions(), ConditionTypes.QUORUM_AVAILABLE));
  }

  /** Whether the workload controller has published a committed membership at all. */
  public boolean formed() {
    return configVersion != null && !members.isEmpty();
  }

  public Set<Integer> voters() {
    return members.values().stream().filter(ClusterMember::isVoter).map(ClusterMember::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  public boolean isVoter(int id) {
    ClusterMember m = members.get(id);
    return m != null && m.isVoter();
  }

  public boolean isMember(int id) {
    return members.containsKey(id);
  }

  /** Highest server id in the committed configuration, 0 when there is none. */
  public int highestMember() {
    return members.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  public String pod(int id) {
    return ClusterNames.pod(cluster, ClusterNames.ordinalOfServer(id));
  }

  public boolean ready(int id) {
    PodObservation p = pods.get(id);
    return podsPresent.contains(id) && p != null && Boolean.TRUE.equals(p.ready());
  }

  /** Ready and holding the committed configuration: a joiner that a reconfig may now count on. */
  public boolean synced(int id) {
    PodObservation p = pods.get(id);
    return ready(id) && configVersion != null && configVersion.equals(p.configVersion());
  }

  /** Voters whose pod is not ready (missing, not serving, not answering). */
  public List<Integer> votersNotReady() {
    return voters().stream().filter(id -> !ready(id)).toList();
  }

  /** Ready pods that report another configuration version than the committed one (a change still spreading). */
  public List<Integer> podsOnOtherConfig() {
    return pods.values().stream()
        .filter(p -> p.serverId() != null && ready(p.serverId()) && p.configVersion() != null
            && !p.configVersion().equals(configVersion))
        .map(PodObservation::serverId).sorted().toList();
  }

  /** Whether the status describes the workload's current spec (the workload controller caught up). */
  public boolean statusCurrent() {
    return observedGeneration != null && Objects.equals(observedGeneration, generation);
  }

  /** Host name ZooKeeper's server line uses for {@code id}: the members' own DNS suffix, so names stay alike. */
  public Optional<String> hostOf(int id) {
    ClusterMember member = members.get(id);
    if (member != null && member.host() != null) {
      return Optional.of(member.host());
    }
    return members.values().stream()
        .filter(m -> m.host() != null && m.host().startsWith(m.pod() + "."))
        .findFirst()
        .map(m -> pod(id) + m.host().substring(m.pod().length()));
  }
}
