package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.zkoam.api.ZkoamApi;

/** Desired number of voters. Even sizes and 2 are refused by the scaler unless allowEvenReplicas is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScalerTraitSpec(
    @JsonPropertyDescription("The ZooKeeperCluster whose voting membership this trait manages.")
    @Required
    WorkloadRef workloadRef,

    @JsonPropertyDescription("Desired number of voting members.")
    @Required @Min(1) @Max(9)
    Integer replicas,

    @JsonPropertyDescription("Allow an even number of voters (it adds no fault tolerance over one fewer).")
    @Default("false")
    Boolean allowEvenReplicas,

    @JsonPropertyDescription("How long one add or remove step may take before the scaler stops with a condition.")
    @Pattern(ZkoamApi.DURATION_PATTERN) @Default("10m")
    String stepTimeout) {

  public ScalerTraitSpec {
    allowEvenReplicas = allowEvenReplicas != null && allowEvenReplicas;
    stepTimeout = stepTimeout == null ? "10m" : stepTimeout;
  }
}
