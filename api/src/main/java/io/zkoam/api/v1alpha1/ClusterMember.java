package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One server line of the committed dynamic configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterMember(
    @JsonPropertyDescription("Server id (pod ordinal + 1).") Integer id,
    @JsonPropertyDescription("Pod that holds this server id.") String pod,
    @JsonPropertyDescription("Host name in the server line.") String host,
    @JsonPropertyDescription("participant (voter) or observer.") ServerRole role) {

  /** Derived from the role; not a field of its own (the schema and the JSON have only the role). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isVoter() {
    return role == ServerRole.participant;
  }
}
