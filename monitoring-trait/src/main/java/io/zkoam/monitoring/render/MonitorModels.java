package io.zkoam.monitoring.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpointBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.PodLayout;
import io.zkoam.api.v1alpha1.Relabeling;
import io.zkoam.api.v1alpha1.ScrapeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The scrape object for the ensemble's metrics port: a ServiceMonitor on the cluster's Services (only the headless
 * one has a port named metrics, and it publishes not-ready pods, so a server that runs but does not serve is still
 * scraped and can alert) or a PodMonitor on the pods' container port. Both add the constant label zk_cluster that
 * every rule selects on.
 */
public final class MonitorModels {
  private MonitorModels() {}

  public static HasMetadata monitor(ObjectMeta metadata, String cluster, ScrapeSpec spec) {
    List<RelabelConfig> relabelings = new ArrayList<>();
    relabelings.add(new RelabelConfigBuilder().withTargetLabel(MonitoringNames.CLUSTER_LABEL)
        .withReplacement(cluster).withAction("replace").build());
    spec.relabelings().stream().map(MonitorModels::relabelConfig).forEach(relabelings::add);
    List<RelabelConfig> metricRelabelings = spec.metricRelabelings().stream().map(MonitorModels::relabelConfig)
        .toList();
    var selector = new LabelSelectorBuilder().withMatchLabels(ClusterLabels.selector(cluster)).build();
    if (spec.kind() == ScrapeSpec.MonitorKind.PodMonitor) {
      return new PodMonitorBuilder().withMetadata(metadata).withNewSpec().withSelector(selector)
          .withPodMetricsEndpoints(new PodMetricsEndpointBuilder().withPort(PodLayout.METRICS_PORT_NAME)
              .withPath("/metrics").withInterval(spec.interval()).withScrapeTimeout(spec.scrapeTimeout())
              .withRelabelings(relabelings).withMetricRelabelings(nullIfEmpty(metricRelabelings)).build())
          .endSpec().build();
    }
    return new ServiceMonitorBuilder().withMetadata(metadata).withNewSpec().withSelector(selector)
        .addNewEndpoint().withPort(PodLayout.METRICS_PORT_NAME).withPath("/metrics").withInterval(spec.interval())
        .withScrapeTimeout(spec.scrapeTimeout()).withRelabelings(relabelings)
        .withMetricRelabelings(nullIfEmpty(metricRelabelings)).endEndpoint()
        .endSpec().build();
  }

  static RelabelConfig relabelConfig(Relabeling r) {
    return new RelabelConfigBuilder().withSourceLabels(r.sourceLabels().isEmpty() ? null : r.sourceLabels())
        .withSeparator(r.separator()).withTargetLabel(r.targetLabel()).withRegex(r.regex())
        .withReplacement(r.replacement()).withAction(r.action().name()).build();
  }

  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list.isEmpty() ? null : list;
  }
}
