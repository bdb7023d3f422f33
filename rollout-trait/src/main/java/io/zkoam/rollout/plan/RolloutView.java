package io.zkoam.rollout.plan;

import io.fabric8.kubernetes.api.model.Pod;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the rollout knows of its workload: the workload controller's status (revision to move to, committed voters,
 * the leader, per-pod mode and config version) and the Pod objects (uid, creation time, revision label, readiness).
 *
 * @param updateRevision the revision pods move to, null until the StatefulSet reports one
 * @param voters server ids of the committed voters
 * @param pods the pods that exist, by name
 */
public record RolloutView(String cluster, String updateRevision, String configVersion, String leader,
    boolean quorumAvailable, Set<Integer> voters, Map<String, PodState> pods) {

  public RolloutView {
    voters = Set.copyOf(voters);
    pods = Map.copyOf(pods);
  }

  /**
   * One pod.
   *
   * @param observation what the workload controller saw of it, null when it has not seen it yet
   */
  public record PodState(String name, int ordinal, String uid, Instant created, boolean terminating, boolean ready,
      String revision, PodObservation observation) {

    public int serverId() {
      return ClusterNames.serverId(ordinal);
    }
  }

  public static RolloutView of(ZooKeeperCluster zk, Collection<Pod> podObjects) {
    String name = zk.getMetadata().getName();
    ZooKeeperClusterStatus status = zk.getStatus();
    Map<String, PodObservation> observed = status == null ? Map.of() : status.pods().stream()
        .filter(p -> p.name() != null).collect(Collectors.toMap(PodObservation::name, p -> p, (a, b) -> a));
    Map<String, PodState> pods = new java.util.HashMap<>();
    for (Pod pod : podObjects) {
      String podName = pod.getMetadata().getName();
      ClusterNames.ordinal(name, podName).ifPresent(ordinal -> pods.put(podName, new PodState(podName, ordinal,
          pod.getMetadata().getUid(), instant(pod.getMetadata().getCreationTimestamp()),
          pod.getMetadata().getDeletionTimestamp() != null, podReady(pod),
          pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL),
          observed.get(podName))));
    }
    return new RolloutView(name, status == null ? null : status.updateRevision(),
        status == null ? null : status.configVersion(), status == null ? null : status.leader(),
        status != null && Conditions.isTrue(status.conditions(), ConditionTypes.QUORUM_AVAILABLE),
        status == null ? Set.of() : status.members().stream().filter(ClusterMember::isVoter).map(ClusterMember::id)
            .collect(Collectors.toSet()),
        pods);
  }

  public static final String REVISION_LABEL = "controller-revision-hash";

  /** The pod serves clients: Ready, and the workload controller saw its server in a quorum. */
  public boolean serving(PodState pod) {
    PodObservation o = pod.observation();
    return pod.ready() && !pod.terminating() && o != null && Boolean.TRUE.equals(o.ready())
        && o.mode() != null && !o.mode().equals("not-serving") && !o.mode().equals("unknown");
  }

  /**
   * Serving and holding the committed configuration: back in the ensemble, caught up. The observation must be of this
   * pod's template too: a workload status one poll old still describes the deleted pod under the same name.
   */
  public boolean synced(PodState pod) {
    return serving(pod) && configVersion != null && pod.observation() != null
        && configVersion.equals(pod.observation().configVersion())
        && (pod.revision() == null || pod.revision().equals(pod.observation().revision()));
  }

  public boolean isVoter(PodState pod) {
    return voters.contains(pod.serverId());
  }

  public boolean isLeader(PodState pod) {
    return pod.name().equals(leader);
  }

  /** Votes needed for a quorum of the committed configuration. */
  public int quorum() {
    return voters.size() / 2 + 1;
  }

  public List<PodState> podsByOrdinal() {
    return pods.values().stream().sorted(Comparator.comparingInt(PodState::ordinal)).toList();
  }

  /** Voters whose pods serve now, leaving out {@code except}. */
  public long servingVoters(Set<String> except) {
    return pods.values().stream().filter(p -> isVoter(p) && serving(p) && !except.contains(p.name())).count();
  }

  /** Why a pod is not back yet, for a Blocked message. */
  public String whyNotBack(PodState pod) {
    if (pod == null) {
      return "its pod does not exist";
    }
    if (!pod.ready()) {
      return "its pod is not Ready";
    }
    if (!serving(pod)) {
      return "its server does not serve (mode " + (pod.observation() == null ? "unknown" : pod.observation().mode())
          + ")";
    }
    return "its server has configuration " + pod.observation().configVersion() + ", not the committed "
        + configVersion;
  }

  static Instant instant(String timestamp) {
    try {
      return timestamp == null ? null : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean podReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Same pod object (a recreated pod has a new uid). */
  static boolean sameObject(PodState pod, String uid) {
    return pod != null && Objects.equals(pod.uid(), uid);
  }
}
