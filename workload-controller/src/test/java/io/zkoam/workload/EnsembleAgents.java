package io.zkoam.workload;

import io.zkoam.workload.observe.AgentClient;
import io.zkoam.workload.observe.AgentConfigView;
import io.zkoam.workload.observe.AgentStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Agents of many formed ensembles that answer at once from memory, keyed by pod IP: the HTTP boundary of the workload
 * controller without network or ZooKeeper (for mock-API tests and the benchmark). Unlike {@link StubAgents} each
 * cluster has its own committed configuration. Remembers when each cluster was last observed (a reconcile of a
 * cluster with pods asks every pod's agent for its status).
 */
public final class EnsembleAgents implements AgentClient {
  private record Pod(String cluster, AgentStatus status, AgentConfigView config) {}

  private final Map<String, Pod> byIp = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastObserved = new ConcurrentHashMap<>();

  /** A serving member of a formed ensemble whose committed configuration is {@code members}. */
  public void serve(String ip, String cluster, String mode, int serverId, String configVersion,
      List<AgentConfigView.Member> members) {
    byIp.put(ip, new Pod(cluster, new AgentStatus(mode, true, serverId, configVersion, "0x100000001", "3.9.5"),
        new AgentConfigView(configVersion, members)));
  }

  /** When a reconcile last asked an agent of {@code cluster} (System.nanoTime), or 0 when never. */
  public long lastObserved(String cluster) {
    AtomicLong at = lastObserved.get(cluster);
    return at == null ? 0 : at.get();
  }

  @Override
  public CompletableFuture<Optional<AgentStatus>> status(String podIp) {
    Pod pod = byIp.get(podIp);
    if (pod == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    lastObserved.computeIfAbsent(pod.cluster(), c -> new AtomicLong()).set(System.nanoTime());
    return CompletableFuture.completedFuture(Optional.of(pod.status()));
  }

  @Override
  public CompletableFuture<Optional<AgentConfigView>> config(String podIp) {
    Pod pod = byIp.get(podIp);
    return CompletableFuture.completedFuture(pod == null ? Optional.empty() : Optional.of(pod.config()));
  }
}
