package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Progress of a rollout; the pod about to be deleted is recorded here before it is deleted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RolloutTraitStatus(
    @JsonPropertyDescription("The spec generation this status describes.") Long observedGeneration,
    @JsonPropertyDescription("Idle, Rolling, Paused, Blocked or Complete.") Phase phase,
    @JsonPropertyDescription("Revision the pods are moving to.") String targetRevision,
    @JsonPropertyDescription("Pods in the order they restart (leader last).") List<String> updateOrder,
    @JsonPropertyDescription("Pods restarting now (at most maxUnavailable).") List<String> currentPods,
    @JsonPropertyDescription("The deletions in flight, each written before it happens.") List<RolloutStep> steps,
    @JsonPropertyDescription("Pods on the target revision.") Integer updatedReplicas,
    @JsonPropertyDescription("Pods of the workload.") Integer totalReplicas,
    @JsonPropertyDescription("Leader changes seen during the current rollout.") Integer leaderElections,
    @JsonPropertyDescription("The leader last seen, to count leader changes.") String observedLeader,
    @JsonPropertyDescription("When the last restarted pod was back, ready and synced (RFC 3339).") String lastPodReadyAt,
    @JsonPropertyDescription("The spec.restartAt this trait has completed.") String restartAtApplied,
    @JsonPropertyDescription("Conditions: Ready, Blocked, Conflict, WorkloadFound.") List<Condition> conditions) {

  public RolloutTraitStatus {
    updateOrder = updateOrder == null ? List.of() : List.copyOf(updateOrder);
    currentPods = currentPods == null ? List.of() : List.copyOf(currentPods);
    steps = steps == null ? List.of() : List.copyOf(steps);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  public enum Phase { Idle, Rolling, Paused, Blocked, Complete }
}
