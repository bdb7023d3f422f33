package io.zkoam.workload;

import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import java.time.Duration;

/**
 * How soon to look again. Agents are polled (ZooKeeper sends no events), quickly while the cluster is moving and
 * slowly once it is steady; pod and child changes still trigger a reconcile at once through the informers.
 */
public record ReconcileTiming(Duration whileChanging, Duration whileSteady) {
  public static final ReconcileTiming DEFAULT = new ReconcileTiming(Duration.ofSeconds(2), Duration.ofSeconds(15));

  Duration next(ZooKeeperClusterStatus status) {
    boolean steady = status != null && Conditions.isTrue(status.conditions(), "Ready")
        && !Conditions.isTrue(status.conditions(), "Degraded");
    return steady ? whileSteady : whileChanging;
  }
}
