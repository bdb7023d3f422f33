package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.zkoam.api.ZkoamApi;
import java.util.List;
import java.util.Map;

/** An AlertmanagerConfig that sends this cluster's alerts to a webhook (e.g. a DingTalk bridge). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "!has(self.enabled) || !self.enabled || has(self.webhookUrlSecretRef)",
    message = "alerting.webhookUrlSecretRef is required when alerting is enabled")
public record AlertRoutingSpec(
    @JsonPropertyDescription("Create the AlertmanagerConfig.") @Default("false")
    Boolean enabled,

    @JsonPropertyDescription("Secret key holding the webhook URL (the URL often carries a token).")
    SecretKeyRef webhookUrlSecretRef,

    @JsonPropertyDescription("Severities routed to the webhook.")
    List<ExtraAlertRule.Severity> severities,

    @JsonPropertyDescription("Resend interval of a firing alert.") @Pattern(ZkoamApi.DURATION_PATTERN) @Default("4h")
    String repeatInterval,

    @JsonPropertyDescription("Labels on the AlertmanagerConfig object, for an Alertmanager's "
        + "alertmanagerConfigSelector; default: scrape.labels.")
    Map<String, String> objectLabels) {

  public static final AlertRoutingSpec DEFAULT = new AlertRoutingSpec(null, null, null, null, null);

  public AlertRoutingSpec {
    enabled = enabled != null && enabled;
    severities = severities == null || severities.isEmpty()
        ? List.of(ExtraAlertRule.Severity.critical, ExtraAlertRule.Severity.warning)
        : List.copyOf(severities);
    repeatInterval = repeatInterval == null ? "4h" : repeatInterval;
    objectLabels = objectLabels == null ? null : Map.copyOf(objectLabels);
  }
}
