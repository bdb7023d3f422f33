package io.zkoam.workload.observe;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Read-only calls to a pod's agent. Empty means the agent did not answer in time; it is never an exception. */
public interface AgentClient {
  CompletableFuture<Optional<AgentStatus>> status(String podIp);

  CompletableFuture<Optional<AgentConfigView>> config(String podIp);
}
