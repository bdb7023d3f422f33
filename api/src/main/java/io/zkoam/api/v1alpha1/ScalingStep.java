package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One membership change: enough to finish or safely repeat it after a controller restart. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScalingStep(
    @JsonPropertyDescription("AddPod, AddVoter, RemoveVoter or RemovePod.") Action action,
    @JsonPropertyDescription("Server id the step changes.") Integer serverId,
    @JsonPropertyDescription("Pod that holds the server id.") String pod,
    @JsonPropertyDescription("Configuration version before the step (hex).") String configVersionBefore,
    @JsonPropertyDescription("When the step started (RFC 3339).") String startedAt,
    @JsonPropertyDescription("Configuration version the reconfig returned (hex); set once it was taken.")
    String configVersionAfter) {

  /** The same step, marked as taken: the reconfig returned this version. */
  public ScalingStep taken(String versionAfter) {
    return new ScalingStep(action, serverId, pod, configVersionBefore, startedAt, versionAfter);
  }


  /**
   * AddPod raises the scale subresource so the pod of serverId runs (as a non-voting follower); AddVoter makes it a
   * participant by reconfig; RemoveVoter removes it by reconfig; RemovePod lowers the scale subresource past it.
   */
  public enum Action { AddPod, AddVoter, RemoveVoter, RemovePod }
}
