package io.zkoam.monitoring.apply;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which prometheus-operator resources the cluster serves, from API discovery (readable by every authenticated
 * client, so it costs no RBAC). Asked on each reconcile: installing prometheus-operator after zkoam is picked up on
 * the next retry without a restart.
 */
public final class MonitoringApis {
  public static final String GROUP = "monitoring.coreos.com";
  public static final String SERVICE_MONITORS = "servicemonitors";
  public static final String POD_MONITORS = "podmonitors";
  public static final String PROMETHEUS_RULES = "prometheusrules";
  public static final String ALERTMANAGER_CONFIGS = "alertmanagerconfigs";

  private final KubernetesClient client;

  public MonitoringApis(KubernetesClient client) {
    this.client = client;
  }

  /** Plural names served, as {@code servicemonitors} (v1) and {@code alertmanagerconfigs} (v1alpha1). */
  public Set<String> served() {
    Set<String> served = new HashSet<>();
    served.addAll(resources(GROUP + "/v1"));
    served.addAll(resources(GROUP + "/v1alpha1").stream().filter(ALERTMANAGER_CONFIGS::equals).toList());
    return served;
  }

  private List<String> resources(String groupVersion) {
    try {
      APIResourceList list = client.getApiResources(groupVersion);
      return list == null || list.getResources() == null ? List.of()
          : list.getResources().stream().map(APIResource::getName).filter(n -> !n.contains("/")).toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }
}
