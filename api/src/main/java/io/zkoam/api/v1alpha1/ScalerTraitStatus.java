package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Progress of the scaler; the in-flight step is recorded here before it is taken. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScalerTraitStatus(
    @JsonPropertyDescription("The spec generation this status describes.") Long observedGeneration,
    @JsonPropertyDescription("Idle, ScalingUp, ScalingDown or Blocked.") Phase phase,
    @JsonPropertyDescription("Voters in the committed configuration.") Integer currentVoters,
    @JsonPropertyDescription("Voters the trait is moving towards.") Integer targetVoters,
    @JsonPropertyDescription("The step in flight, written before it is taken.") ScalingStep step,
    @JsonPropertyDescription("Conditions: Ready, Blocked, Conflict, WorkloadFound.") List<Condition> conditions) {

  public ScalerTraitStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  public enum Phase { Idle, ScalingUp, ScalingDown, Blocked }
}
