package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The zkoam agent: init container and sidecar of every ZooKeeper pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentSpec(
    @JsonPropertyDescription("Image of the agent (init container and sidecar).") @Default(Defaults.AGENT_IMAGE)
    String image,

    @JsonPropertyDescription("Resources of the agent sidecar; small defaults when unset.")
    ResourceRequirements resources) {

  public static final AgentSpec DEFAULT = new AgentSpec(null, null);

  public AgentSpec {
    image = image == null ? Defaults.AGENT_IMAGE : image;
  }
}
