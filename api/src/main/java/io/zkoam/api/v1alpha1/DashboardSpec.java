package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.Map;

/** A Grafana dashboard ConfigMap that Grafana's sidecar picks up by label. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DashboardSpec(
    @JsonPropertyDescription("Create the dashboard ConfigMap.") @Default("false")
    Boolean enabled,

    @JsonPropertyDescription("Labels the Grafana sidecar selects on; default grafana_dashboard: \"1\".")
    Map<String, String> labels) {

  public static final DashboardSpec DEFAULT = new DashboardSpec(null, null);

  public DashboardSpec {
    enabled = enabled != null && enabled;
    labels = labels == null || labels.isEmpty() ? Map.of("grafana_dashboard", "1") : Map.copyOf(labels);
  }
}
