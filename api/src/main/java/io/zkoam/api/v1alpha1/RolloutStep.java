package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One pod restart: enough for a restarted controller to wait for it instead of deleting another pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RolloutStep(
    @JsonPropertyDescription("Pod being restarted.") String pod,
    @JsonPropertyDescription("uid of the pod object that is deleted; a new uid means it came back.") String podUid,
    @JsonPropertyDescription("Why: NewRevision or RestartAt.") String reason,
    @JsonPropertyDescription("When the deletion was decided (RFC 3339).") String startedAt) {}
