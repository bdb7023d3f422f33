package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The PodDisruptionBudget, which keeps voluntary evictions (node drains) to one pod at a time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DisruptionBudgetSpec(
    @JsonPropertyDescription("Create the PodDisruptionBudget (maxUnavailable 1).") @Default("true")
    Boolean enabled) {

  public static final DisruptionBudgetSpec DEFAULT = new DisruptionBudgetSpec(null);

  public DisruptionBudgetSpec {
    enabled = enabled == null || enabled;
  }
}
