package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;
import java.util.Map;

/** zkoam's default alerts for this cluster, with overridable thresholds, per-alert disable and extra rules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRulesSpec(
    @JsonPropertyDescription("Create the PrometheusRule.") @Default("true")
    Boolean enabled,

    @JsonPropertyDescription("Names of default alerts to leave out, e.g. ZooKeeperTooManyWatches.")
    List<@Pattern("^ZooKeeper[A-Za-z]+$") String> disabled,

    @JsonPropertyDescription("Thresholds of the default alerts.")
    AlertThresholds thresholds,

    @JsonPropertyDescription("Labels added to every alert, e.g. team or env.")
    Map<String, String> labels,

    @JsonPropertyDescription("Labels on the PrometheusRule object, for a Prometheus ruleSelector such as "
        + "release: prometheus; default: scrape.labels.")
    Map<String, String> objectLabels,

    @JsonPropertyDescription("Base URL of runbooks; each alert gets runbook_url = <base>/<AlertName>.")
    @Pattern("^https?://.+")
    String runbookBaseUrl,

    @JsonPropertyDescription("Extra alerting rules, added to the same PrometheusRule.")
    List<ExtraAlertRule> extraRules) {

  public static final AlertRulesSpec DEFAULT = new AlertRulesSpec(null, null, null, null, null, null, null);

  public AlertRulesSpec {
    enabled = enabled == null || enabled;
    disabled = disabled == null ? List.of() : List.copyOf(disabled);
    thresholds = thresholds == null ? AlertThresholds.DEFAULT : thresholds;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    objectLabels = objectLabels == null ? null : Map.copyOf(objectLabels);
    extraRules = extraRules == null ? List.of() : List.copyOf(extraRules);
  }
}
