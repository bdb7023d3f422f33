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

/** How pods move to a new revision: which ones, how many at a time, how fast. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "!has(self.maxUnavailable) || self.maxUnavailable >= 1",
    message = "maxUnavailable must be at least 1")
public record RolloutTraitSpec(
    @JsonPropertyDescription("The ZooKeeperCluster whose pods this trait restarts.")
    @Required
    WorkloadRef workloadRef,

    @JsonPropertyDescription("Only pods with an ordinal >= partition move to the new revision (a canary).")
    @Min(0) @Max(9) @Default("0")
    Integer partition,

    @JsonPropertyDescription("Pods restarted at once; refused above what keeps a quorum of voters.")
    @Min(1) @Max(4) @Default("1")
    Integer maxUnavailable,

    @JsonPropertyDescription("Stop between pods; the pod in flight still completes.")
    @Default("false")
    Boolean paused,

    @JsonPropertyDescription("How long a restarted pod may take to be ready and synced before the rollout stops.")
    @Pattern(ZkoamApi.DURATION_PATTERN) @Default("10m")
    String podReadyTimeout,

    @JsonPropertyDescription("Wait after a pod is ready before the next one.")
    @Pattern(ZkoamApi.DURATION_PATTERN) @Default("0s")
    String pauseBetweenPods,

    @JsonPropertyDescription("Pods started before this time restart once, in the same safe order (RFC 3339).")
    @Pattern(ZkoamApi.TIMESTAMP_PATTERN)
    String restartAt) {

  public RolloutTraitSpec {
    partition = partition == null ? 0 : partition;
    maxUnavailable = maxUnavailable == null ? 1 : maxUnavailable;
    paused = paused != null && paused;
    podReadyTimeout = podReadyTimeout == null ? "10m" : podReadyTimeout;
    pauseBetweenPods = pauseBetweenPods == null ? "0s" : pauseBetweenPods;
  }
}
