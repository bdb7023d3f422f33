package io.zkoam.monitoring.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.SecretKeySelectorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.InhibitRule;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.InhibitRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.Matcher;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.MatcherBuilder;
import io.zkoam.api.v1alpha1.AlertRoutingSpec;
import io.zkoam.api.v1alpha1.ExtraAlertRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The AlertmanagerConfig that routes this cluster's alerts (its namespace, zk_cluster and the chosen severities) to
 * one webhook receiver whose URL stays in a Secret, because webhook URLs such as a
 * DingTalk robot's carry a token. v1alpha1 is the version the stock CRD serves without a conversion webhook.
 */
public final class RoutingModels {
  private RoutingModels() {}

  public static String receiver(String cluster) {
    return cluster + "-webhook";
  }

  public static AlertmanagerConfig routing(ObjectMeta metadata, String namespace, String cluster,
      AlertRoutingSpec spec) {
    String severities = spec.severities().stream().map(ExtraAlertRule.Severity::name).sorted()
        .collect(Collectors.joining("|"));
    return new AlertmanagerConfigBuilder().withMetadata(metadata).withNewSpec()
        .withNewRoute().withReceiver(receiver(cluster))
        .withGroupBy(List.of("alertname", MonitoringNames.CLUSTER_LABEL, "pod"))
        .withGroupWait("30s").withGroupInterval("5m").withRepeatInterval(spec.repeatInterval())
        .withMatchers(
            // Also under an Alertmanager whose matcher strategy is None, where the operator adds no namespace
            // matcher and a same-named cluster of another namespace would otherwise share this receiver.
            equal("namespace", namespace),
            equal(MonitoringNames.CLUSTER_LABEL, cluster),
            new MatcherBuilder().withName("severity").withValue(severities).withMatchType("=~").build())
        .endRoute()
        .addNewReceiver().withName(receiver(cluster))
        .addNewWebhookConfig().withSendResolved(true)
        .withUrlSecret(new SecretKeySelectorBuilder().withName(spec.webhookUrlSecretRef().name())
            .withKey(spec.webhookUrlSecretRef().key()).build())
        .endWebhookConfig()
        .endReceiver()
        // One page for an outage, not one per pod: a down ensemble or a lost leader mutes the per-server alerts.
        .withInhibitRules(
            inhibit("ZooKeeperEnsembleDown", "ZooKeeperTargetDown|ZooKeeperNodeNotServing|ZooKeeperNoLeader"),
            inhibit("ZooKeeperNoLeader", "ZooKeeperNodeNotServing"))
        .endSpec().build();
  }

  private static InhibitRule inhibit(String source, String targets) {
    return new InhibitRuleBuilder()
        .withSourceMatch(new MatcherBuilder().withName("alertname").withValue(source).withMatchType("=").build())
        .withTargetMatch(new MatcherBuilder().withName("alertname").withValue(targets).withMatchType("=~").build())
        .withEqual("namespace", MonitoringNames.CLUSTER_LABEL)
        .build();
  }

  private static Matcher equal(String name, String value) {
    return new MatcherBuilder().withName(name).withValue(value).withMatchType("=").build();
  }
}
