package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Which monitoring objects exist for the workload. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MonitoringTraitStatus(
    @JsonPropertyDescription("The spec generation this status describes.") Long observedGeneration,
    @JsonPropertyDescription("Ready, Pending or Failed.") Phase phase,
    @JsonPropertyDescription("Name of the ServiceMonitor or PodMonitor.") String monitor,
    @JsonPropertyDescription("Name of the PrometheusRule.") String prometheusRule,
    @JsonPropertyDescription("Name of the AlertmanagerConfig.") String alertmanagerConfig,
    @JsonPropertyDescription("Name of the dashboard ConfigMap.") String dashboard,
    @JsonPropertyDescription("Alerts rendered into the PrometheusRule.") Integer alertCount,
    @JsonPropertyDescription("Conditions: Ready (reason PrometheusOperatorMissing when its CRDs are absent), "
        + "Conflict, WorkloadFound.") List<Condition> conditions) {

  public MonitoringTraitStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  public enum Phase { Ready, Pending, Failed }
}
