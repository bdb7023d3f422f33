package io.zkoam.monitoring.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.monitoring.render.DesiredMonitoring;
import io.zkoam.monitoring.render.MonitoringNames;
import io.zkoam.runtime.apply.Applied;
import io.zkoam.runtime.apply.ApplyOutcome;
import io.zkoam.runtime.apply.ResourceApplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Brings the monitoring objects of one trait to the desired set. Objects are read by name (no informers: an informer
 * on a kind whose CRD is absent would never sync, and the controller must run without prometheus-operator). Only
 * objects this trait owns are changed or deleted; a same-named object of someone else is reported, never touched.
 */
public final class MonitoringApplier {
  private final KubernetesClient client;
  private final ResourceApplier applier;

  public MonitoringApplier(KubernetesClient client) {
    this.client = client;
    this.applier = new ResourceApplier(client);
  }

  /** What one reconcile did to the four objects. */
  public record Result(List<Change> changes, List<String> missingApis, List<String> notOwned, List<String> failed,
      String monitor, String rules, String extraRules, String routing, String dashboard) {}

  /** One write: kind, name, outcome. */
  public record Change(String kind, String name, ApplyOutcome outcome) {}

  public Result apply(DesiredMonitoring desired, String namespace, String cluster, String traitUid,
      Set<String> served) {
    Pass pass = new Pass(namespace, cluster, traitUid, served);
    boolean podMonitor = desired.monitor() instanceof PodMonitor;
    String monitorName = MonitoringNames.monitor(cluster);
    Class<? extends HasMetadata> monitorType = podMonitor ? PodMonitor.class : ServiceMonitor.class;
    Class<? extends HasMetadata> otherType = podMonitor ? ServiceMonitor.class : PodMonitor.class;
    String monitor = pass.step(monitorType, desired.monitor(), monitorName,
        podMonitor ? MonitoringApis.POD_MONITORS : MonitoringApis.SERVICE_MONITORS);
    // Switching between ServiceMonitor and PodMonitor removes the other kind of the same name, once the new one
    // exists: scraping must not stop because the new kind could not be created.
    if (monitor != null) {
      pass.step(otherType, null, monitorName,
          podMonitor ? MonitoringApis.SERVICE_MONITORS : MonitoringApis.POD_MONITORS);
    }
    String rules = pass.step(PrometheusRule.class, desired.rules(), MonitoringNames.rules(cluster),
        MonitoringApis.PROMETHEUS_RULES);
    String extraRules = pass.step(PrometheusRule.class, desired.extraRules(), MonitoringNames.extraRules(cluster),
        MonitoringApis.PROMETHEUS_RULES);
    String routing = pass.step(AlertmanagerConfig.class, desired.routing(), MonitoringNames.alertmanagerConfig(cluster),
        MonitoringApis.ALERTMANAGER_CONFIGS);
    String dashboard = pass.step(ConfigMap.class, desired.dashboard(), MonitoringNames.dashboard(cluster), null);
    return new Result(pass.changes, pass.missing, pass.notOwned, pass.failed, monitor, rules, extraRules, routing,
        dashboard);
  }

  /** One reconcile's walk over the objects, collecting what it did and what it could not do. */
  private final class Pass {
    private final String namespace;
    private final String cluster;
    private final String traitUid;
    private final Set<String> served;
    private final List<Change> changes = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> notOwned = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    Pass(String namespace, String cluster, String traitUid, Set<String> served) {
      this.namespace = namespace;
      this.cluster = cluster;
      this.traitUid = traitUid;
      this.served = served;
    }

    /**
     * Applies or deletes one object; returns its name when it exists afterwards as ours.
     *
     * @param plural the monitoring.coreos.com resource, or null for a built-in kind that is always served
     */
    <T extends HasMetadata> String step(Class<T> type, HasMetadata desired, String name, String plural) {
      if (plural != null && !served.contains(plural)) {
        if (desired != null) {
          missing.add(plural + "." + MonitoringApis.GROUP);
        }
        return null;
      }
      T live = null;
      try {
        live = client.resources(type).inNamespace(namespace).withName(name).get();
        if (live != null && !ownedBy(live, traitUid) && !orphanOfThisCluster(live, cluster)) {
          if (desired != null) {
            notOwned.add(live.getKind() + " " + name);
          }
          return null;
        }
        Applied<T> applied = applier.reconcile(type.cast(desired), live);
        if (applied.outcome().wrote()) {
          changes.add(new Change(desired != null ? desired.getKind() : live.getKind(), name, applied.outcome()));
        }
        return applied.resource() == null ? null : name;
      } catch (KubernetesClientException e) {
        // One refused object (a webhook, a schema, a missing grant) must not hide the others or the reason.
        failed.add(type.getSimpleName() + " " + name + ": " + e.getCode() + " "
            + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage()));
        return live != null ? name : null;
      }
    }
  }

  /**
   * An object this controller made for this cluster whose trait is gone without taking it along (deleted with
   * --cascade=orphan, or no garbage collector): adopted by the trait that now wants it, instead of blocking it.
   */
  private static boolean orphanOfThisCluster(HasMetadata live, String cluster) {
    List<OwnerReference> refs = live.getMetadata().getOwnerReferences();
    boolean controlled = refs != null && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()));
    java.util.Map<String, String> labels = live.getMetadata().getLabels();
    return !controlled && labels != null && DesiredMonitoring.MANAGER.equals(labels.get(ClusterLabels.MANAGED_BY))
        && cluster.equals(labels.get(ClusterLabels.INSTANCE));
  }

  private static boolean ownedBy(HasMetadata live, String uid) {
    List<OwnerReference> refs = live.getMetadata().getOwnerReferences();
    return refs != null && refs.stream().anyMatch(r -> uid.equals(r.getUid()));
  }
}
