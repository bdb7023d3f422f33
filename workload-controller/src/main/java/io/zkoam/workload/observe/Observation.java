package io.zkoam.workload.observe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One look at a cluster: its pods, what each pod's agent said (absent when it did not answer), and the committed
 * membership if any serving member could tell.
 */
public record Observation(List<PodView> pods, Map<String, AgentStatus> agents, Optional<CommittedConfig> committed) {

  public Optional<AgentStatus> agent(String pod) {
    return Optional.ofNullable(agents.get(pod));
  }

  /** The pod whose server says it leads, when exactly one does. */
  public Optional<String> leader() {
    List<String> leaders = agents.entrySet().stream().filter(e -> e.getValue().isLeader()).map(Map.Entry::getKey)
        .sorted().toList();
    return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
  }
}
