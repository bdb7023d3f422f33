package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.zkoam.api.ZkoamApi;

/**
 * Desired number of voters. 2 voters are always refused (they tolerate no failure, like 1, and need both up); other
 * even sizes only with allowEvenReplicas (they add no fault tolerance over one fewer).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = ScalerTraitSpec.NOT_TWO_RULE, message = ScalerTraitSpec.NOT_TWO_MESSAGE)
@ValidationRule(value = ScalerTraitSpec.ODD_RULE, message = ScalerTraitSpec.ODD_MESSAGE)
public record ScalerTraitSpec(
    @JsonPropertyDescription("The ZooKeeperCluster whose voting membership this trait manages.")
    @Required
    WorkloadRef workloadRef,

    @JsonPropertyDescription("Desired number of voting members: 1, 3, 5, 7 or 9 (4, 6, 8 with allowEvenReplicas; "
        + "2 is refused).")
    @Required @Min(1) @Max(9)
    Integer replicas,

    @JsonPropertyDescription("Allow an even number of voters (it adds no fault tolerance over one fewer).")
    @Default("false")
    Boolean allowEvenReplicas,

    @JsonPropertyDescription("How long one add or remove step may take before the scaler stops with a condition.")
    @Pattern(ZkoamApi.DURATION_PATTERN) @Default("10m")
    String stepTimeout) {

  public static final String NOT_TWO_RULE = "!has(self.replicas) || self.replicas != 2";
  public static final String NOT_TWO_MESSAGE =
      "replicas: 2 voters tolerate no failure and need both servers up; use 1 or 3";
  public static final String ODD_RULE = "!has(self.replicas) || self.replicas % 2 == 1 || self.replicas == 2 "
      + "|| (has(self.allowEvenReplicas) && self.allowEvenReplicas)";
  public static final String ODD_MESSAGE =
      "replicas: an even number of voters adds no fault tolerance over one fewer; set allowEvenReplicas to insist";

  public ScalerTraitSpec {
    allowEvenReplicas = allowEvenReplicas != null && allowEvenReplicas;
    stepTimeout = stepTimeout == null ? "10m" : stepTimeout;
  }
}
