package io.zkoam.workload.observe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of an agent's {@code /status} the controller publishes (docs/agent.md has the full shape). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentStatus(String mode, boolean serving, Integer serverId, String configVersion, String zxid,
    String version) {

  public static final String LEADER = "leader";
  public static final String FOLLOWER = "follower";
  public static final String NOT_SERVING = "not-serving";

  public boolean isLeader() {
    return LEADER.equals(mode);
  }
}
