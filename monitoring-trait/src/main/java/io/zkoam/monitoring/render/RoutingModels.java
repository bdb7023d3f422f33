package io.zkoam.monitoring.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.SecretKeySelectorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.MatcherBuilder;
import io.zkoam.api.v1alpha1.AlertRoutingSpec;
import io.zkoam.api.v1alpha1.ExtraAlertRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The AlertmanagerConfig that routes this cluster's alerts (zk_cluster and the chosen severities; the operator adds
 * the namespace matcher itself) to one webhook receiver whose URL stays in a Secret, because webhook URLs such as a
 * DingTalk robot's carry a token. v1alpha1 is the version the stock CRD serves without a conversion webhook.
 */
public final class RoutingModels {
  private RoutingModels() {}

  public static String receiver(String cluster) {
    return cluster + "-webhook";
  }

  public static AlertmanagerConfig routing(ObjectMeta metadata, String cluster, AlertRoutingSpec spec) {
    String severities = spec.severities().stream().map(ExtraAlertRule.Severity::name).sorted()
        .collect(Collectors.joining("|"));
    return new AlertmanagerConfigBuilder().withMetadata(metadata).withNewSpec()
        .withNewRoute().withReceiver(receiver(cluster))
        .withGroupBy(List.of("alertname", MonitoringNames.CLUSTER_LABEL, "pod"))
        .withGroupWait("30s").withGroupInterval("5m").withRepeatInterval(spec.repeatInterval())
        .withMatchers(
            new MatcherBuilder().withName(MonitoringNames.CLUSTER_LABEL).withValue(cluster).withMatchType("=").build(),
            new MatcherBuilder().withName("severity").withValue(severities).withMatchType("=~").build())
        .endRoute()
        .addNewReceiver().withName(receiver(cluster))
        .addNewWebhookConfig().withSendResolved(true)
        .withUrlSecret(new SecretKeySelectorBuilder().withName(spec.webhookUrlSecretRef().name())
            .withKey(spec.webhookUrlSecretRef().key()).build())
        .endWebhookConfig()
        .endReceiver()
        .endSpec().build();
  }
}
