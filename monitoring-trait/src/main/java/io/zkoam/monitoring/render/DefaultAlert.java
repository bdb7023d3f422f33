package io.zkoam.monitoring.render;

import io.zkoam.api.v1alpha1.AlertThresholds;
import io.zkoam.api.v1alpha1.ExtraAlertRule.Severity;
import java.util.function.BiFunction;

/**
 * One of zkoam's default alerts, before it is rendered for a cluster.
 *
 * @param expr the PromQL, from the cluster's selector ({@code namespace="…",zk_cluster="…"}) and the thresholds
 * @param quorumOnly left out for a single-voter ensemble, which has no quorum to lose (and no quorum metrics)
 */
public record DefaultAlert(String name, Severity severity, String forDuration, boolean quorumOnly,
    BiFunction<String, AlertThresholds, String> expr, String summary, String description) {

  public String render(String selector, AlertThresholds thresholds) {
    return expr.apply(selector, thresholds);
  }
}
