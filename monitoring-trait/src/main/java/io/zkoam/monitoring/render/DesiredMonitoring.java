package io.zkoam.monitoring.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.trait.Durations;
import io.zkoam.api.v1alpha1.Defaults;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.MonitoringTraitSpec;
import io.zkoam.api.v1alpha1.Relabeling;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure: the monitoring objects a trait wants for its cluster, each owned by the trait (so deleting the trait, or the
 * cluster that owns the trait, removes them). A null member is an object that must not exist. {@code problems} lists
 * what makes the spec unusable; the controller then changes nothing and reports them.
 */
public record DesiredMonitoring(HasMetadata monitor, PrometheusRule rules, PrometheusRule extraRules,
    AlertmanagerConfig routing,
    ConfigMap dashboard, int alertCount, List<String> problems) {
  public static final String MANAGER = "zkoam-monitoring-trait";
  static final long MAX_SCRAPE_INTERVAL_MILLIS = 120_000;
  private static final java.util.regex.Pattern LABEL_NAME = java.util.regex.Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
  private static final java.util.Set<String> OWN_LABELS = java.util.Set.of("namespace", MonitoringNames.CLUSTER_LABEL,
      "instance", "pod");

  public static DesiredMonitoring of(MonitoringTrait trait, ZooKeeperCluster cluster) {
    MonitoringTraitSpec spec = trait.getSpec();
    String namespace = trait.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    List<String> problems = check(spec);
    if (!problems.isEmpty()) {
      return new DesiredMonitoring(null, null, null, null, null, 0, problems);
    }
    int voters = voters(cluster);
    HasMetadata monitor = MonitorModels.monitor(
        metadata(trait, MonitoringNames.monitor(name), name, spec.scrape().labels()), name, spec.scrape());
    PrometheusRule rules = spec.rules().enabled()
        ? RuleModels.rules(metadata(trait, MonitoringNames.rules(name), name, ruleLabels(spec)), namespace, name,
            spec.rules(), voters)
        : null;
    PrometheusRule extraRules = spec.rules().enabled()
        ? RuleModels.extraRules(metadata(trait, MonitoringNames.extraRules(name), name, ruleLabels(spec)), namespace,
            name, spec.rules())
        : null;
    AlertmanagerConfig routing = spec.alerting().enabled()
        ? RoutingModels.routing(metadata(trait, MonitoringNames.alertmanagerConfig(name), name, routingLabels(spec)),
            namespace, name, spec.alerting())
        : null;
    ConfigMap dashboard = spec.dashboard().enabled()
        ? DashboardModels.dashboard(metadata(trait, MonitoringNames.dashboard(name), name,
            spec.dashboard().labels()), namespace, name)
        : null;
    int alerts = rules == null ? 0 : RuleModels.alertCount(spec.rules(), voters);
    return new DesiredMonitoring(monitor, rules, extraRules, routing, dashboard, alerts, List.of());
  }

  /** Voters now or soon: a single-voter ensemble on its way to three already gets its quorum alerts. */
  static int voters(ZooKeeperCluster cluster) {
    // A spec-less cluster runs with the defaults (the workload controller fills them in), i.e. 3 replicas.
    int desired = cluster.getSpec() == null || cluster.getSpec().replicas() == null ? Defaults.REPLICAS
        : cluster.getSpec().replicas();
    int observed = cluster.getStatus() == null || cluster.getStatus().voters() == null ? 0
        : cluster.getStatus().voters();
    return Math.max(desired, observed);
  }

  static List<String> check(MonitoringTraitSpec spec) {
    List<String> problems = new ArrayList<>();
    // The CRD's pattern refuses a malformed duration; an API without schema validation does not, and an exception
    // here would fail every reconcile instead of reporting the problem.
    long interval = millis(spec.scrape().interval(), "scrape.interval", problems);
    long timeout = spec.scrape().scrapeTimeout() == null ? -1
        : millis(spec.scrape().scrapeTimeout(), "scrape.scrapeTimeout", problems);
    if (interval >= 0 && timeout >= 0 && timeout > interval) {
      problems.add("scrape.scrapeTimeout " + spec.scrape().scrapeTimeout() + " exceeds scrape.interval "
          + spec.scrape().interval() + " (prometheus-operator rejects it)");
    }
    // The rules' rate() and increase() windows are 5 minutes: with fewer than two samples in them a third of the
    // alerts could never fire while the trait reported Ready.
    if (interval > MAX_SCRAPE_INTERVAL_MILLIS) {
      problems.add("scrape.interval " + spec.scrape().interval() + " is longer than 2m: the alert rules' 5-minute "
          + "windows would hold fewer than two samples and their alerts could never fire");
    }
    if (spec.alerting().enabled() && spec.alerting().webhookUrlSecretRef() == null) {
      problems.add("alerting.webhookUrlSecretRef is required when alerting is enabled");
    }
    labelNames("rules.labels", spec.rules().labels().keySet(), problems);
    spec.rules().extraRules().forEach(r -> {
      labelNames("rules.extraRules[" + r.alert() + "].labels", r.labels().keySet(), problems);
      labelNames("rules.extraRules[" + r.alert() + "].annotations", r.annotations().keySet(), problems);
      if (r.expr() == null || r.expr().isBlank()) {
        problems.add("rules.extraRules[" + r.alert() + "].expr is empty");
      }
    });
    relabelings("scrape.relabelings", spec.scrape().relabelings(), problems);
    relabelings("scrape.metricRelabelings", spec.scrape().metricRelabelings(), problems);
    List<String> unknown = spec.rules().disabled().stream().filter(n -> !AlertCatalog.names().contains(n)).toList();
    if (!unknown.isEmpty()) {
      problems.add("rules.disabled names no default alert: " + String.join(", ", unknown));
    }
    List<String> clashing = spec.rules().extraRules().stream().map(r -> r.alert())
        .filter(AlertCatalog.names()::contains).toList();
    if (!clashing.isEmpty()) {
      problems.add("rules.extraRules reuse default alert names (disable the default instead): "
          + String.join(", ", clashing));
    }
    return problems;
  }

  /** The duration in ms, or -1 after adding a problem when it does not parse. */
  /**
   * Prometheus label names. One bad name in an alert's labels makes prometheus-operator drop the whole rule file,
   * and a bad relabeling the whole monitor, while the trait would report Ready.
   */
  private static void labelNames(String field, java.util.Collection<String> names, List<String> problems) {
    names.stream().filter(n -> !LABEL_NAME.matcher(n).matches()).sorted().forEach(n ->
        problems.add(field + ": '" + n + "' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)"));
  }

  private static void relabelings(String field, List<Relabeling> relabelings, List<String> problems) {
    for (int i = 0; i < relabelings.size(); i++) {
      Relabeling r = relabelings.get(i);
      String at = field + "[" + i + "]";
      labelNames(at + ".sourceLabels", r.sourceLabels(), problems);
      if (r.action() == Relabeling.Action.replace && (r.targetLabel() == null || r.targetLabel().isBlank())) {
        problems.add(at + ": action replace needs a targetLabel");
      }
      if (r.targetLabel() != null && !r.targetLabel().isBlank()) {
        labelNames(at + ".targetLabel", List.of(r.targetLabel()), problems);
        if (OWN_LABELS.contains(r.targetLabel())) {
          problems.add(at + ": rewrites " + r.targetLabel() + ", which every rule selects on");
        }
      }
    }
  }

  private static long millis(String text, String field, List<String> problems) {
    try {
      return Durations.parse(text).toMillis();
    } catch (IllegalArgumentException e) {
      problems.add(field + " '" + text + "' is not a duration (e.g. 30s, 1m)");
      return -1;
    }
  }

  private static Map<String, String> ruleLabels(MonitoringTraitSpec spec) {
    return spec.rules().objectLabels() != null ? spec.rules().objectLabels() : spec.scrape().labels();
  }

  private static Map<String, String> routingLabels(MonitoringTraitSpec spec) {
    return spec.alerting().objectLabels() != null ? spec.alerting().objectLabels() : spec.scrape().labels();
  }

  private static ObjectMeta metadata(MonitoringTrait trait, String objectName, String cluster,
      Map<String, String> extraLabels) {
    Map<String, String> labels = new TreeMap<>(extraLabels);
    labels.putAll(ClusterLabels.selector(cluster));
    labels.put(ClusterLabels.PART_OF, "zkoam");
    labels.put(ClusterLabels.MANAGED_BY, MANAGER);
    return new ObjectMetaBuilder().withName(objectName).withNamespace(trait.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(trait.getApiVersion())
            .withKind(trait.getKind()).withName(trait.getMetadata().getName()).withUid(trait.getMetadata().getUid())
            .withController(true).withBlockOwnerDeletion(true).build())
        .build();
  }
}
