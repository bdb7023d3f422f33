package io.zkoam.workload.observe;

import io.fabric8.kubernetes.api.model.Pod;
import io.zkoam.api.naming.ClusterNames;
import java.util.Optional;

/** What the controller needs of one Pod object. */
public record PodView(String name, int ordinal, String ip, boolean ready, String revision, boolean terminating,
    int restarts) {

  public static final String REVISION_LABEL = "controller-revision-hash";

  /** The view of a pod of {@code cluster}, or empty when the pod's name is not one of its ordinals. */
  public static Optional<PodView> of(String cluster, Pod pod) {
    var ordinal = ClusterNames.ordinal(cluster, pod.getMetadata().getName());
    if (ordinal.isEmpty()) {
      return Optional.empty();
    }
    var status = pod.getStatus();
    boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    int restarts = status == null || status.getContainerStatuses() == null ? 0
        : status.getContainerStatuses().stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
            .sum();
    String revision = pod.getMetadata().getLabels() == null ? null
        : pod.getMetadata().getLabels().get(REVISION_LABEL);
    return Optional.of(new PodView(pod.getMetadata().getName(), ordinal.getAsInt(),
        status == null ? null : status.getPodIP(), ready, revision,
        pod.getMetadata().getDeletionTimestamp() != null, restarts));
  }

  public int serverId() {
    return ClusterNames.serverId(ordinal);
  }
}
