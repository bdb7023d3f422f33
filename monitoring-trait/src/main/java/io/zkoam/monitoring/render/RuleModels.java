package io.zkoam.monitoring.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroupBuilder;
import io.zkoam.api.v1alpha1.AlertRulesSpec;
import io.zkoam.api.v1alpha1.ExtraAlertRule;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster's PrometheusRules: zkoam's default alerts rendered for this cluster (thresholds, disabled alerts, extra
 * labels, runbook links) in one group, and the user's extra rules in an object of their own. Each spec is a plain rule
 * file's {@code groups:}, which is what the tests hand to promtool.
 */
public final class RuleModels {
  private RuleModels() {}

  /**
   * @param voters the ensemble's voters (now or soon); quorum alerts need more than one
   */
  public static PrometheusRule rules(ObjectMeta metadata, String namespace, String cluster, AlertRulesSpec spec,
      int voters) {
    List<RuleGroup> groups = List.of(new RuleGroupBuilder().withName("zookeeper." + namespace + "." + cluster)
        .withRules(defaults(namespace, cluster, spec, voters)).build());
    return new PrometheusRuleBuilder().withMetadata(metadata).withNewSpec().withGroups(groups).endSpec().build();
  }

  /**
   * The user's extra rules, in a PrometheusRule of their own: prometheus-operator drops a whole PrometheusRule whose
   * PromQL does not parse (or its webhook refuses it), and a typo in an extra rule must not take the default alerts
   * with it. Null when there are none.
   */
  public static PrometheusRule extraRules(ObjectMeta metadata, String namespace, String cluster,
      AlertRulesSpec spec) {
    if (spec.extraRules().isEmpty()) {
      return null;
    }
    RuleGroup group = new RuleGroupBuilder().withName("zookeeper." + namespace + "." + cluster + ".extra")
        .withRules(spec.extraRules().stream().map(r -> extra(r, namespace, cluster, spec)).toList()).build();
    return new PrometheusRuleBuilder().withMetadata(metadata).withNewSpec().withGroups(group).endSpec().build();
  }

  /** The default alerts this spec keeps, in catalog order. */
  public static List<DefaultAlert> kept(AlertRulesSpec spec, int voters) {
    return AlertCatalog.ALL.stream()
        .filter(a -> !spec.disabled().contains(a.name()))
        .filter(a -> voters >= a.minVoters())
        .toList();
  }

  /** How many alerts the rule holds, defaults and extras. */
  public static int alertCount(AlertRulesSpec spec, int voters) {
    return kept(spec, voters).size() + spec.extraRules().size();
  }

  private static List<Rule> defaults(String namespace, String cluster, AlertRulesSpec spec, int voters) {
    String selector = MonitoringNames.selector(namespace, cluster);
    return kept(spec, voters).stream().map(a -> {
      Map<String, String> annotations = new TreeMap<>();
      annotations.put("summary", a.summary());
      annotations.put("description", a.description());
      if (spec.runbookBaseUrl() != null) {
        annotations.put("runbook_url", stripSlash(spec.runbookBaseUrl()) + "/" + a.name());
      }
      return new RuleBuilder().withAlert(a.name()).withExpr(new IntOrString(a.render(selector, spec.thresholds())))
          .withFor(a.forDuration()).withLabels(labels(spec, a.severity(), namespace, cluster, Map.of()))
          .withAnnotations(annotations).build();
    }).toList();
  }

  private static Rule extra(ExtraAlertRule rule, String namespace, String cluster, AlertRulesSpec spec) {
    Map<String, String> annotations = new TreeMap<>(rule.annotations());
    if (spec.runbookBaseUrl() != null) {
      annotations.putIfAbsent("runbook_url", stripSlash(spec.runbookBaseUrl()) + "/" + rule.alert());
    }
    return new RuleBuilder().withAlert(rule.alert()).withExpr(new IntOrString(rule.expr()))
        .withFor(rule.forDuration()).withLabels(labels(spec, rule.severity(), namespace, cluster, rule.labels()))
        .withAnnotations(annotations.isEmpty() ? null : annotations).build();
  }

  /**
   * The alert's labels: the spec's, the rule's own, severity, and the cluster's namespace and zk_cluster last, so an
   * extra rule whose expression does not carry them is still routed to this cluster's receiver (Alertmanager confines
   * an AlertmanagerConfig to alerts whose namespace label is its own).
   */
  private static Map<String, String> labels(AlertRulesSpec spec, ExtraAlertRule.Severity severity, String namespace,
      String cluster, Map<String, String> own) {
    Map<String, String> labels = new TreeMap<>(spec.labels());
    labels.putAll(own);
    labels.put("severity", severity.name());
    labels.put("namespace", namespace);
    labels.put(MonitoringNames.CLUSTER_LABEL, cluster);
    return labels;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
