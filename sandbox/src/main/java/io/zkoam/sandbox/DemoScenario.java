package io.zkoam.sandbox;

import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.PodObservation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.RolloutTraitStatus;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalerTraitStatus;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.sandbox.check.CheckReport;
import io.zkoam.sandbox.check.WorkloadChecker;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The scripted tour of {@code --scenario demo}: with the workload checker writing, delete a pod, crash the leader's
 * server with kill -9, have the sample ScalerTrait grow the ensemble to 5 voters and shrink it back to 3, then change
 * the version for the sample RolloutTrait to roll; the cluster must come back each time and lose no acknowledged
 * write.
 */
final class DemoScenario {
  private static final String NS = "default";
  private static final String CLUSTER = "zk";
  private static final String SCALER = "zk-scaler";
  private static final String ROLLOUT = "zk-rollout";
  private static final Duration STEP = Duration.ofSeconds(120);

  private final Sandbox sandbox;
  private final PrintStream out;
  private final LiveTable table;

  DemoScenario(Sandbox sandbox, PrintStream out) {
    this.sandbox = sandbox;
    this.out = out;
    this.table = new LiveTable(sandbox.client(), out);
  }

  boolean run() {
    if (!step("the ensemble forms and becomes Ready", this::ready)) {
      return false;
    }
    WorkloadChecker checker = sandbox.checker(NS, CLUSTER, Duration.ofMillis(20)).start();
    if (!step("the workload checker writes through the client Service", () -> checker.acknowledgedSoFar() > 50)) {
      return false;
    }
    String follower = member("follower");
    out.println(">>> deleting pod " + follower + " (it comes back from the StatefulSet with its volume)");
    sandbox.client().pods().inNamespace(NS).withName(follower).delete();
    pause(Duration.ofSeconds(2));
    if (!step(follower + " is back and the cluster is Ready", this::ready)) {
      return false;
    }
    String leader = member("leader");
    out.println(">>> kill -9 of the ZooKeeper server in " + leader + " (the leader); the kubelet restarts it");
    sandbox.node().crash(NS, leader, "zookeeper");
    pause(Duration.ofSeconds(2));
    if (!step("a new leader is elected and the cluster is Ready again", this::ready)) {
      return false;
    }
    if (sandbox.client().resources(ScalerTrait.class).inNamespace(NS).withName(SCALER).get() == null) {
      sandbox.apply(Sandbox.sample("scalertrait.yaml"));
    }
    for (int voters : new int[] {5, 3}) {
      out.println(">>> ScalerTrait zk-scaler: spec.replicas " + voters + " (one server at a time, by reconfig)");
      setScalerTarget(voters);
      if (!step("the ensemble has " + voters + " voters and the scaler is Idle", () -> scalerIdleAt(voters))) {
        return false;
      }
    }
    if (!rollingUpgrade()) {
      return false;
    }
    long before = checker.acknowledgedSoFar();
    step("writes continue", () -> checker.acknowledgedSoFar() > before + 50);
    CheckReport report = checker.stopAndVerify();
    table.printIfChanged();
    out.println("workload checker: acknowledged " + report.acknowledged() + ", lost " + report.lost()
        + ", failed attempts " + report.failedAttempts() + ", longest write outage "
        + report.maxUnavailable().toMillis() + " ms, leader elections " + report.leaderElections());
    report.problems().forEach(p -> out.println("  " + p));
    out.println(report.lost() == 0 ? "demo passed: no acknowledged write was lost" : "demo FAILED: writes were lost");
    return report.lost() == 0;
  }

  /** A version change, rolled by the sample RolloutTrait: followers first, the leader last. */
  private boolean rollingUpgrade() {
    if (sandbox.client().resources(RolloutTrait.class).inNamespace(NS).withName(ROLLOUT).get() == null) {
      sandbox.apply(Sandbox.sample("rollouttrait.yaml"));
    }
    ZooKeeperCluster zk = sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName(CLUSTER).get();
    String revision = zk.getStatus().updateRevision();
    String version = "3.9.5".equals(zk.getSpec().version()) ? "3.9.4" : "3.9.5";
    out.println(">>> spec.version " + version + ": RolloutTrait zk-rollout restarts the pods, the leader ("
        + zk.getStatus().leader() + ") last");
    sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName(CLUSTER)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"version\":\"" + version + "\"}}");
    return step("every pod runs the new revision and the rollout is Complete", () -> {
      ZooKeeperCluster now = sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName(CLUSTER)
          .get();
      RolloutTrait t = sandbox.client().resources(RolloutTrait.class).inNamespace(NS).withName(ROLLOUT).get();
      return now.getStatus().updateRevision() != null && !now.getStatus().updateRevision().equals(revision)
          && t.getStatus() != null && t.getStatus().phase() == RolloutTraitStatus.Phase.Complete
          && now.getStatus().updateRevision().equals(t.getStatus().targetRevision()) && ready();
    });
  }

  private void setScalerTarget(int voters) {
    sandbox.setScalerReplicas(NS, SCALER, voters);
  }

  private boolean scalerIdleAt(int voters) {
    ScalerTrait t = sandbox.client().resources(ScalerTrait.class).inNamespace(NS).withName(SCALER).get();
    return t != null && t.getStatus() != null && t.getStatus().phase() == ScalerTraitStatus.Phase.Idle
        && Integer.valueOf(voters).equals(t.getStatus().currentVoters()) && ready();
  }

  private boolean ready() {
    ZooKeeperCluster zk = sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName(CLUSTER).get();
    return zk != null && zk.getStatus() != null && Conditions.isTrue(zk.getStatus().conditions(), "Ready")
        && !Conditions.isTrue(zk.getStatus().conditions(), "Degraded");
  }

  private String member(String mode) {
    ZooKeeperCluster zk = sandbox.client().resources(ZooKeeperCluster.class).inNamespace(NS).withName(CLUSTER).get();
    return zk.getStatus().pods().stream().filter(p -> mode.equals(p.mode())).map(PodObservation::name).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + mode + " in " + zk.getStatus().pods()));
  }

  private boolean step(String what, BooleanSupplier done) {
    out.println(">>> waiting: " + what);
    Instant deadline = Instant.now().plus(STEP);
    while (Instant.now().isBefore(deadline)) {
      table.printIfChanged();
      if (done.getAsBoolean()) {
        out.println("    done: " + what);
        return true;
      }
      pause(Duration.ofMillis(500));
    }
    out.println("    TIMED OUT after " + STEP.toSeconds() + " s: " + what);
    return false;
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
