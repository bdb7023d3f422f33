package io.zkoam.sandbox.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;

/**
 * What prometheus-operator would generate for a ServiceMonitor, as a plain Prometheus scrape config with static
 * targets: the Services its selector matches, their port of the endpoint's name, the pods behind them (not-ready ones
 * too, as a headless Service publishing not-ready addresses gives them; only Running pods, as filterRunning does), the
 * operator's target labels (namespace, service, pod, container, endpoint, job) and the endpoint's own interval,
 * timeout, path and relabelings. Only what zkoam's monitors use is translated.
 */
final class StaticScrapeConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StaticScrapeConfig() {}

  static List<ObjectNode> of(KubernetesClient client, ServiceMonitor monitor) {
    String namespace = monitor.getMetadata().getNamespace();
    Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
    List<Service> services = client.services().inNamespace(namespace).withLabels(selector).list().getItems();
    List<ObjectNode> jobs = new java.util.ArrayList<>();
    int index = 0;
    for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
      ObjectNode job = JSON.createObjectNode();
      job.put("job_name", "serviceMonitor/" + namespace + "/" + monitor.getMetadata().getName() + "/" + index++);
      job.put("scrape_interval", endpoint.getInterval());
      job.put("scrape_timeout", endpoint.getScrapeTimeout());
      job.put("metrics_path", endpoint.getPath() == null ? "/metrics" : endpoint.getPath());
      ArrayNode statics = job.putArray("static_configs");
      for (Service service : services) {
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> endpoint.getPort().equals(p.getName()))
            .findFirst().orElse(null);
        if (port == null) {
          continue;
        }
        for (Pod pod : client.pods().inNamespace(namespace).withLabels(service.getSpec().getSelector()).list()
            .getItems()) {
          if (!"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getPodIP() == null) {
            continue;
          }
          ObjectNode target = statics.addObject();
          target.putArray("targets").add(pod.getStatus().getPodIP() + ":" + port.getTargetPort().getIntVal());
          ObjectNode labels = target.putObject("labels");
          labels.put("namespace", namespace);
          labels.put("service", service.getMetadata().getName());
          labels.put("pod", pod.getMetadata().getName());
          labels.put("container", "zookeeper");
          labels.put("endpoint", endpoint.getPort());
          labels.put("job", service.getMetadata().getName());
        }
      }
      job.set("relabel_configs", relabel(endpoint.getRelabelings()));
      job.set("metric_relabel_configs", relabel(endpoint.getMetricRelabelings()));
      jobs.add(job);
    }
    return jobs;
  }

  private static ArrayNode relabel(List<RelabelConfig> configs) {
    ArrayNode out = JSON.createArrayNode();
    if (configs == null) {
      return out;
    }
    for (RelabelConfig c : configs) {
      ObjectNode r = out.addObject();
      if (c.getSourceLabels() != null && !c.getSourceLabels().isEmpty()) {
        ArrayNode source = r.putArray("source_labels");
        c.getSourceLabels().forEach(source::add);
      }
      put(r, "separator", c.getSeparator());
      put(r, "target_label", c.getTargetLabel());
      put(r, "regex", c.getRegex());
      put(r, "replacement", c.getReplacement());
      put(r, "action", c.getAction() == null ? null : c.getAction().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
