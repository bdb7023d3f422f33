package io.zkoam.workload.observe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The agent's {@code /get} answer. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentConfigView(String version, List<Member> members) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Member(int id, String host, String role) {}
}
