package io.zkoam.workload.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Kubernetes Events for notable transitions between two statuses; none when nothing notable changed. */
public final class StatusEvents {
  /** An event to record: type Normal or Warning, a CamelCase reason and a message. */
  public record Notice(String type, String reason, String message) {}

  private static final List<String> WATCHED = List.of("Ready", "QuorumAvailable", "Degraded", "UpdatePending",
      "ScaleDownBlocked");

  private StatusEvents() {}

  public static List<Notice> between(ZooKeeperClusterStatus before, ZooKeeperClusterStatus after) {
    List<Notice> notices = new ArrayList<>();
    List<Condition> old = before == null ? List.of() : before.conditions();
    for (String type : WATCHED) {
      Optional<Condition> now = Conditions.find(after.conditions(), type);
      Optional<Condition> was = Conditions.find(old, type);
      if (now.isEmpty()) {
        continue;
      }
      boolean flipped = was.isEmpty() ? "True".equals(now.get().getStatus())
          : !Objects.equals(was.get().getStatus(), now.get().getStatus());
      if (flipped) {
        notices.add(new Notice(isBad(type, now.get()) ? "Warning" : "Normal", now.get().getReason(),
            type + "=" + now.get().getStatus() + ": " + now.get().getMessage()));
      }
    }
    String oldLeader = before == null ? null : before.leader();
    if (after.leader() != null && oldLeader != null && !after.leader().equals(oldLeader)) {
      notices.add(new Notice("Normal", "LeaderChanged", "leader moved from " + oldLeader + " to " + after.leader()));
    }
    return notices;
  }

  private static boolean isBad(String type, Condition c) {
    boolean positive = type.equals("Ready") || type.equals("QuorumAvailable");
    return positive != "True".equals(c.getStatus());
  }
}
