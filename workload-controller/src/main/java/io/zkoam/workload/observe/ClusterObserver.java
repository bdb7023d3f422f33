package io.zkoam.workload.observe;

import io.fabric8.kubernetes.api.model.Pod;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.ServerRole;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Reads the world of one cluster: pods from the informer cache, then every agent at once over HTTP. */
public final class ClusterObserver {
  private final AgentClient agents;

  public ClusterObserver(AgentClient agents) {
    this.agents = agents;
  }

  public Observation observe(String cluster, Collection<Pod> pods) {
    List<PodView> views = pods.stream()
        .map(p -> PodView.of(cluster, p))
        .flatMap(Optional::stream)
        .sorted(Comparator.comparingInt(PodView::ordinal))
        .toList();
    Map<String, CompletableFuture<Optional<AgentStatus>>> calls = new HashMap<>();
    for (PodView pod : views) {
      if (pod.ip() != null && !pod.terminating()) {
        calls.put(pod.name(), agents.status(pod.ip()));
      }
    }
    Map<String, AgentStatus> statuses = new HashMap<>();
    calls.forEach((name, call) -> call.join().ifPresent(s -> statuses.put(name, s)));
    Optional<CommittedConfig> committed = committedConfig(cluster, views, statuses);
    return new Observation(views, Map.copyOf(statuses), committed);
  }

  /** Asks a serving member (the leader first: a follower's view can lag) for the committed configuration. */
  private Optional<CommittedConfig> committedConfig(String cluster, List<PodView> pods,
      Map<String, AgentStatus> statuses) {
    List<PodView> serving = pods.stream()
        .filter(p -> statuses.containsKey(p.name()) && statuses.get(p.name()).serving())
        .sorted(Comparator.comparing((PodView p) -> !statuses.get(p.name()).isLeader()))
        .toList();
    for (PodView pod : serving) {
      Optional<AgentConfigView> view = agents.config(pod.ip()).join();
      if (view.isPresent() && view.get().members() != null) {
        return Optional.of(toCommitted(cluster, view.get()));
      }
    }
    return Optional.empty();
  }

  static CommittedConfig toCommitted(String cluster, AgentConfigView view) {
    List<ClusterMember> members = view.members().stream()
        .map(m -> new ClusterMember(m.id(), ClusterNames.pod(cluster, ClusterNames.ordinalOfServer(m.id())), m.host(),
            "observer".equals(m.role()) ? ServerRole.observer : ServerRole.participant))
        .sorted(Comparator.comparing(ClusterMember::id))
        .toList();
    return new CommittedConfig(view.version(), members);
  }
}
