package io.zkoam.workload.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import io.zkoam.workload.model.Membership;
import io.zkoam.workload.model.Platform;
import io.zkoam.workload.observe.AgentStatus;
import io.zkoam.workload.observe.Observation;
import io.zkoam.workload.observe.PodView;
import io.zkoam.workload.validate.SpecProblem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Pure: from what was observed to the status to publish. Same inputs, same status, so a quiet cluster writes nothing. */
public final class StatusModel {
  private StatusModel() {}

  public static ZooKeeperClusterStatus compute(ZooKeeperCluster zk, Observation obs, Membership membership,
      StatefulSet liveSts, List<SpecProblem> problems, Platform platform, Instant now) {
    String name = zk.getMetadata().getName();
    Long generation = zk.getMetadata().getGeneration();
    List<ClusterMember> members = membership.configVersion() == null && obs.committed().isEmpty()
        ? List.of() : membership.members();
    Set<Integer> voterIds = members.stream().filter(ClusterMember::isVoter).map(ClusterMember::id)
        .collect(Collectors.toSet());
    String updateRevision = liveSts == null || liveSts.getStatus() == null ? null
        : liveSts.getStatus().getUpdateRevision();

    List<PodObservation> pods = obs.pods().stream().map(p -> {
      Optional<AgentStatus> agent = obs.agent(p.name());
      return new PodObservation(p.name(), p.serverId(), p.revision(), p.ready(),
          agent.map(AgentStatus::mode).orElse("unknown"), voterIds.contains(p.serverId()),
          agent.map(AgentStatus::configVersion).orElse(null));
    }).toList();
    int ready = (int) obs.pods().stream().filter(PodView::ready).count();
    int updated = updateRevision == null ? 0
        : (int) obs.pods().stream().filter(p -> updateRevision.equals(p.revision())).count();
    String currentRevision = obs.pods().stream().map(PodView::revision).filter(Objects::nonNull)
        .filter(r -> !r.equals(updateRevision)).findFirst().orElse(updateRevision);

    ClusterHealth health = ClusterHealth.assess(name, obs, voterIds);
    List<Condition> desired = List.of(
        ready(problems, health, generation),
        health.quorumCondition(generation),
        updatePending(obs, updateRevision, generation),
        scaleDownBlocked(zk, membership, generation),
        health.degradedCondition(generation));
    List<Condition> previous = zk.getStatus() == null ? List.of() : zk.getStatus().conditions();

    return new ZooKeeperClusterStatus(
        generation,
        obs.pods().size(),
        ready,
        ClusterLabels.selectorString(name),
        members.isEmpty() ? null : voterIds.size(),
        members,
        obs.leader().orElse(null),
        members.isEmpty() ? null : membership.configVersion(),
        pods,
        currentRevision,
        updateRevision,
        updateRevision == null ? null : updated,
        ClusterNames.clientServiceHost(name, zk.getMetadata().getNamespace(), platform.clusterDomain()) + ":"
            + zk.getSpec().clientService().port(),
        Conditions.setAll(previous, desired, now));
  }

  private static Condition ready(List<SpecProblem> problems, ClusterHealth health, Long generation) {
    if (!problems.isEmpty()) {
      return Conditions.of("Ready", false, "InvalidSpec",
          problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "))
              + ". The running ensemble is left unchanged until the spec is fixed.", generation);
    }
    return health.readyCondition(generation);
  }

  private static Condition updatePending(Observation obs, String updateRevision, Long generation) {
    if (updateRevision == null) {
      return Conditions.of("UpdatePending", false, "NoRevision", "the StatefulSet reports no revision yet",
          generation);
    }
    List<String> old = obs.pods().stream().filter(p -> !updateRevision.equals(p.revision())).map(PodView::name)
        .toList();
    return old.isEmpty()
        ? Conditions.of("UpdatePending", false, "AllPodsUpdated", "every pod runs revision " + updateRevision,
            generation)
        : Conditions.of("UpdatePending", true, "PodsOnOldRevision", String.join(", ", old) + " run an older "
            + "revision than " + updateRevision + "; a RolloutTrait restarts them safely (the workload never "
            + "restarts a running pod on its own)", generation);
  }

  private static Condition scaleDownBlocked(ZooKeeperCluster zk, Membership membership, Long generation) {
    int specReplicas = zk.getSpec().replicas();
    int highest = membership.highestVoterOrdinal();
    if (highest + 1 > specReplicas) {
      return Conditions.of("ScaleDownBlocked", true, "VoterWouldBeRemoved", "spec.replicas is " + specReplicas
          + " but " + ClusterNames.pod(zk.getMetadata().getName(), highest) + " is a voting member; it keeps "
          + (highest + 1) + " pods until the voter is removed from the ensemble (a ScalerTrait does this)",
          generation);
    }
    return Conditions.of("ScaleDownBlocked", false, "NoVoterAffected", "no voting member is above spec.replicas",
        generation);
  }
}
