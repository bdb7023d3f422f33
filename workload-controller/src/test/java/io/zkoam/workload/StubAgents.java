package io.zkoam.workload;

import io.zkoam.workload.observe.AgentClient;
import io.zkoam.workload.observe.AgentConfigView;
import io.zkoam.workload.observe.AgentStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canned answers at the agent's HTTP boundary, for mock-API tests where no pod runs. The real agent on real
 * ZooKeeper is exercised by the agent's own tests and the sandbox end-to-end tests.
 */
final class StubAgents implements AgentClient {
  private final Map<String, AgentStatus> statusByIp = new ConcurrentHashMap<>();
  private volatile AgentConfigView config;

  void answer(String ip, String mode, int serverId) {
    statusByIp.put(ip, new AgentStatus(mode, !"not-serving".equals(mode), serverId, "100000000", "0x1", "3.9.5"));
  }

  void silence(String ip) {
    statusByIp.remove(ip);
  }

  void committedVoters(String cluster, String version, int... ids) {
    config = new AgentConfigView(version, java.util.Arrays.stream(ids)
        .mapToObj(id -> new AgentConfigView.Member(id, cluster + "-" + (id - 1) + ".host", "participant"))
        .toList());
  }

  @Override
  public CompletableFuture<Optional<AgentStatus>> status(String podIp) {
    return CompletableFuture.completedFuture(Optional.ofNullable(statusByIp.get(podIp)));
  }

  @Override
  public CompletableFuture<Optional<AgentConfigView>> config(String podIp) {
    return CompletableFuture.completedFuture(Optional.ofNullable(config).filter(c -> !c.members().isEmpty()));
  }

  static List<Integer> ids(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
  }
}
