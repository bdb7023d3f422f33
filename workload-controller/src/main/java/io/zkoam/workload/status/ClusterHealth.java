package io.zkoam.workload.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.status.Conditions;
import io.zkoam.workload.observe.AgentStatus;
import io.zkoam.workload.observe.Observation;
import io.zkoam.workload.observe.PodView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Quorum and serving state of a cluster, judged from the committed voters and what their agents say. */
final class ClusterHealth {
  private final Set<Integer> voters;
  private final List<String> servingVoters = new ArrayList<>();
  private final List<String> readyVoters = new ArrayList<>();
  private final List<String> troubled = new ArrayList<>();
  private final Optional<String> leader;

  private ClusterHealth(Set<Integer> voters, Optional<String> leader) {
    this.voters = voters;
    this.leader = leader;
  }

  static ClusterHealth assess(String cluster, Observation obs, Set<Integer> voters) {
    ClusterHealth health = new ClusterHealth(voters, obs.leader());
    for (int id : voters.stream().sorted().toList()) {
      String pod = ClusterNames.pod(cluster, ClusterNames.ordinalOfServer(id));
      Optional<AgentStatus> agent = obs.agent(pod);
      Optional<PodView> view = obs.pods().stream().filter(p -> p.name().equals(pod)).findFirst();
      if (agent.isPresent() && agent.get().serving()) {
        health.servingVoters.add(pod);
        if (view.isPresent() && view.get().ready()) {
          health.readyVoters.add(pod);
        } else {
          health.troubled.add(pod + " (server " + id + ") serves but its pod is not Ready yet");
        }
      } else if (view.isEmpty()) {
        health.troubled.add(pod + " (server " + id + ") has no pod");
      } else if (agent.isEmpty()) {
        health.troubled.add(pod + " (server " + id + ") does not answer");
      } else {
        health.troubled.add(pod + " (server " + id + ") is not serving");
      }
    }
    for (PodView pod : obs.pods()) {
      // While the ensemble forms no pod is known as a voter yet; a pod still starting then is not a fault.
      if (!voters.isEmpty() && !voters.contains(pod.serverId()) && !pod.ready() && !pod.terminating()) {
        health.troubled.add(pod.name() + " (not a voter) is not ready");
      }
    }
    return health;
  }

  int quorum() {
    return voters.size() / 2 + 1;
  }

  boolean quorumAvailable() {
    return !voters.isEmpty() && leader.isPresent() && servingVoters.size() >= quorum();
  }

  Condition quorumCondition(Long generation) {
    if (voters.isEmpty()) {
      return Conditions.of("QuorumAvailable", false, "Forming",
          "no committed membership observed yet; the ensemble is forming", generation);
    }
    String counts = servingVoters.size() + " of " + voters.size() + " voters serve (quorum " + quorum() + ")";
    return quorumAvailable()
        ? Conditions.of("QuorumAvailable", true, "LeaderElected", "leader " + leader.get() + "; " + counts,
            generation)
        : Conditions.of("QuorumAvailable", false, "NoQuorum", counts + "; clients cannot be served", generation);
  }

  Condition readyCondition(Long generation) {
    if (!quorumAvailable()) {
      return Conditions.of("Ready", false, voters.isEmpty() ? "Forming" : "NoQuorum",
          voters.isEmpty() ? "waiting for the ensemble to form" : "the ensemble has no quorum", generation);
    }
    if (readyVoters.size() < voters.size()) {
      return Conditions.of("Ready", false, "MembersNotServing", String.join("; ", troubled), generation);
    }
    return Conditions.of("Ready", true, "AllMembersServing",
        voters.size() + " voters serve, leader " + leader.get(), generation);
  }

  Condition degradedCondition(Long generation) {
    if (voters.isEmpty()) {
      return Conditions.of("Degraded", false, "Forming", "the ensemble is forming; Ready tells when it serves",
          generation);
    }
    return troubled.isEmpty()
        ? Conditions.of("Degraded", false, "AllServing", "every pod serves", generation)
        : Conditions.of("Degraded", true, "ServersNotServing", String.join("; ", troubled), generation);
  }
}
