package io.zkoam.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.PodObservation;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The sandbox's live view: each cluster's state and its pods (role, ready, revision, config version), then each
 * ScalerTrait (target, current voters, phase, step in flight) and RolloutTrait (updated pods, phase, pods in flight).
 */
final class LiveTable {
  private final KubernetesClient client;
  private final PrintStream out;
  private String last = "";

  LiveTable(KubernetesClient client, PrintStream out) {
    this.client = client;
    this.out = out;
  }

  void printIfChanged() {
    String text = render();
    if (!text.equals(last)) {
      out.println("--- " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
      out.print(text);
      last = text;
    }
  }

  String render() {
    StringBuilder b = new StringBuilder();
    for (ZooKeeperCluster zk : client.resources(ZooKeeperCluster.class).inAnyNamespace().list().getItems()) {
      var s = zk.getStatus();
      String ready = s == null ? "-" : Conditions.find(s.conditions(), "Ready")
          .map(c -> c.getStatus() + " (" + c.getReason() + ")").orElse("-");
      b.append(String.format("%s/%s  ready=%s  voters=%s  leader=%s  config=%s%n", zk.getMetadata().getNamespace(),
          zk.getMetadata().getName(), ready, s == null ? "-" : s.voters(), s == null ? "-" : s.leader(),
          s == null ? "-" : s.configVersion()));
      b.append(String.format("  %-12s %-12s %-6s %-18s %-12s%n", "POD", "ROLE", "READY", "REVISION", "CONFIG"));
      if (s != null) {
        for (PodObservation p : s.pods()) {
          b.append(String.format("  %-12s %-12s %-6s %-18s %-12s%n", p.name(),
              p.mode() + (Boolean.TRUE.equals(p.voter()) ? "" : "*"), p.ready(), p.revision(),
              Objects.toString(p.configVersion(), "-")));
        }
      }
    }
    for (ScalerTrait t : client.resources(ScalerTrait.class).inAnyNamespace().list().getItems()) {
      var s = t.getStatus();
      b.append(String.format("scaler %s/%s -> %s: target=%s current=%s phase=%s%s%n", t.getMetadata().getNamespace(),
          t.getMetadata().getName(), t.workloadRef() == null ? "-" : t.workloadRef().name(),
          t.getSpec() == null ? "-" : t.getSpec().replicas(), s == null ? "-" : s.currentVoters(),
          s == null ? "-" : s.phase(), s == null || s.step() == null ? ""
              : "  step=" + s.step().action() + " server " + s.step().serverId()));
    }
    for (RolloutTrait t : client.resources(RolloutTrait.class).inAnyNamespace().list().getItems()) {
      var s = t.getStatus();
      b.append(String.format("rollout %s/%s -> %s: updated=%s/%s phase=%s%s%n", t.getMetadata().getNamespace(),
          t.getMetadata().getName(), t.workloadRef() == null ? "-" : t.workloadRef().name(),
          s == null ? "-" : s.updatedReplicas(), s == null ? "-" : s.totalReplicas(), s == null ? "-" : s.phase(),
          s == null || s.currentPods().isEmpty() ? "" : "  restarting=" + String.join(",", s.currentPods())));
    }
    return b.length() == 0 ? "(no ZooKeeperCluster yet)\n" : b.append("  (* = not a voting member)\n").toString();
  }
}
