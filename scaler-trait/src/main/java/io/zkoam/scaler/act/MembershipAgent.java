package io.zkoam.scaler.act;

import java.util.concurrent.CompletableFuture;

/**
 * The agent's HTTP API as the scaler uses it: {@code /runok} to check a voter right before a reconfig, and the
 * authenticated, conditional {@code /add} and {@code /del} (docs/agent.md).
 */
public interface MembershipAgent {

  /** Whether the server behind the agent serves clients (in quorum) right now; false when it does not answer. */
  CompletableFuture<Boolean> serving(String podIp);

  /** Reconfig-adds server {@code id} at {@code host} as a participant, if the config is still {@code fromVersion}. */
  ReconfigReply add(String podIp, String token, int id, String host, String fromVersion);

  /** Reconfig-removes server {@code id}, if the config is still {@code fromVersion}. */
  ReconfigReply remove(String podIp, String token, int id, String fromVersion);

  /**
   * An agent's answer to {@code /add} or {@code /del}.
   *
   * @param status HTTP status, 0 when the agent did not answer
   * @param error the agent's error code (e.g. BADVERSION, NEWCONFIGNOQUORUM), null on success
   * @param reason ZooKeeper's or the agent's text
   * @param versionAfter the configuration version after the change, on success
   */
  record ReconfigReply(int status, String error, String reason, String versionAfter) {
    public boolean ok() {
      return status == 200;
    }
  }
}
