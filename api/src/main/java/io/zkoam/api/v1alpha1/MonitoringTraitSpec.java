package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Monitoring of one workload: scrape config, alert rules, optional alert routing and dashboard. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MonitoringTraitSpec(
    @JsonPropertyDescription("The ZooKeeperCluster to monitor.")
    @Required
    WorkloadRef workloadRef,

    @JsonPropertyDescription("How Prometheus scrapes the servers' metrics port.")
    ScrapeSpec scrape,

    @JsonPropertyDescription("The PrometheusRule with zkoam's default alerts.")
    AlertRulesSpec rules,

    @JsonPropertyDescription("Routing of this cluster's alerts to a webhook receiver (AlertmanagerConfig).")
    AlertRoutingSpec alerting,

    @JsonPropertyDescription("Grafana dashboard ConfigMap for the Grafana sidecar.")
    DashboardSpec dashboard) {

  public MonitoringTraitSpec {
    scrape = scrape == null ? ScrapeSpec.DEFAULT : scrape;
    rules = rules == null ? AlertRulesSpec.DEFAULT : rules;
    alerting = alerting == null ? AlertRoutingSpec.DEFAULT : alerting;
    dashboard = dashboard == null ? DashboardSpec.DEFAULT : dashboard;
  }
}
