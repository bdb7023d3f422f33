package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One pod as the workload controller saw it (from the Pod object and its agent's /status). Only fields that change
 * with events (roles, revisions, membership) are kept: a per-write counter such as the zxid would make every reconcile
 * of a busy cluster write status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodObservation(
    @JsonPropertyDescription("Pod name.") String name,
    @JsonPropertyDescription("Server id of the pod (ordinal + 1).") Integer serverId,
    @JsonPropertyDescription("Template revision (controller-revision-hash) the pod runs.") String revision,
    @JsonPropertyDescription("Pod Ready condition (the server serves clients).") Boolean ready,
    @JsonPropertyDescription("Server mode from the agent: leader, follower, observer, standalone, not-serving, "
        + "or unknown when the agent does not answer.") String mode,
    @JsonPropertyDescription("Whether the pod's server id votes in the committed configuration.") Boolean voter,
    @JsonPropertyDescription("Dynamic configuration version the server has (hex).") String configVersion) {}
