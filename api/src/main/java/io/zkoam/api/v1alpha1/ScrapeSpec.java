package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.zkoam.api.ZkoamApi;
import java.util.List;
import java.util.Map;

/** The ServiceMonitor (or PodMonitor) for the ensemble's metrics port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScrapeSpec(
    @JsonPropertyDescription("ServiceMonitor (default) or PodMonitor.") @Default("ServiceMonitor")
    MonitorKind kind,

    @JsonPropertyDescription("Scrape interval.") @Pattern(ZkoamApi.DURATION_PATTERN) @Default("30s")
    String interval,

    @JsonPropertyDescription("Scrape timeout; must not exceed the interval. Unset: Prometheus' global timeout, "
        + "capped at the interval.") @Pattern(ZkoamApi.DURATION_PATTERN)
    String scrapeTimeout,

    @JsonPropertyDescription("Extra labels on the monitor object, e.g. release: prometheus for a Prometheus selector.")
    Map<String, String> labels,

    @JsonPropertyDescription("Relabelings of the targets, applied after zkoam's own (which add zk_cluster).")
    List<Relabeling> relabelings,

    @JsonPropertyDescription("Relabelings of the scraped samples, e.g. to drop unused summaries.")
    List<Relabeling> metricRelabelings) {

  public static final ScrapeSpec DEFAULT = new ScrapeSpec(null, null, null, null, null, null);

  public ScrapeSpec {
    kind = kind == null ? MonitorKind.ServiceMonitor : kind;
    interval = interval == null ? "30s" : interval;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    relabelings = relabelings == null ? List.of() : List.copyOf(relabelings);
    metricRelabelings = metricRelabelings == null ? List.of() : List.copyOf(metricRelabelings);
  }

  public enum MonitorKind { ServiceMonitor, PodMonitor }
}
