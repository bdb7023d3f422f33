package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.zkoam.api.ZkoamApi;
import java.util.Map;

/** A user alert added to the cluster's PrometheusRule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtraAlertRule(
    @JsonPropertyDescription("Alert name.") @Required @Pattern("^[A-Za-z_][A-Za-z0-9_]*$") String alert,
    @JsonPropertyDescription("PromQL expression.") @Required String expr,
    @JsonPropertyDescription("How long the expression must hold.") @JsonProperty("for")
    @Pattern(ZkoamApi.DURATION_PATTERN) String forDuration,
    @JsonPropertyDescription("critical, warning or info.") @Default("warning") Severity severity,
    @JsonPropertyDescription("Extra labels.") Map<String, String> labels,
    @JsonPropertyDescription("Annotations, e.g. summary and description.") Map<String, String> annotations) {

  public ExtraAlertRule {
    severity = severity == null ? Severity.warning : severity;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public enum Severity { critical, warning, info }
}
