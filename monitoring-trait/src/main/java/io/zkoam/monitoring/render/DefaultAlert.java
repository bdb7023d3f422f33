package io.zkoam.monitoring.render;

import io.zkoam.api.v1alpha1.AlertThresholds;
import io.zkoam.api.v1alpha1.ExtraAlertRule.Severity;
import java.util.function.BiFunction;

/**
 * One of zkoam's default alerts, before it is rendered for a cluster.
 *
 * @param expr the PromQL, from the cluster's selector ({@code namespace="…",zk_cluster="…"}) and the thresholds
 * @param minVoters left out below this many voters: a single voter has no quorum to lose (and no quorum metrics), and
 *     two voters never tolerate a failure, so "no fault tolerance" would fire for as long as the ensemble lives
 */
public record DefaultAlert(String name, Severity severity, String forDuration, int minVoters,
    BiFunction<String, AlertThresholds, String> expr, String summary, String description) {

  public String render(String selector, AlertThresholds thresholds) {
    return expr.apply(selector, thresholds);
  }
}
