package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** What the workload controller observed: pods, the committed membership, the leader and conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ZooKeeperClusterStatus(
    @JsonPropertyDescription("The spec generation this status describes.")
    Long observedGeneration,

    @JsonPropertyDescription("Pods that exist (the scale subresource's status.replicas).")
    @StatusReplicas
    Integer replicas,

    @JsonPropertyDescription("Pods that are ready, i.e. serve clients.")
    Integer readyReplicas,

    @JsonPropertyDescription("Label selector of the pods, for the scale subresource.")
    @LabelSelector
    String selector,

    @JsonPropertyDescription("Number of voting members (participants) in the committed configuration.")
    Integer voters,

    @JsonPropertyDescription("Servers of the committed dynamic configuration.")
    List<ClusterMember> members,

    @JsonPropertyDescription("Pod of the current leader, empty when there is none.")
    String leader,

    @JsonPropertyDescription("Version (hex zxid) of the committed dynamic configuration.")
    String configVersion,

    @JsonPropertyDescription("Per-pod observations.")
    List<PodObservation> pods,

    @JsonPropertyDescription("Revision of the oldest pod template still running.")
    String currentRevision,

    @JsonPropertyDescription("Revision of the current pod template; pods on another revision wait for a rollout.")
    String updateRevision,

    @JsonPropertyDescription("Pods on updateRevision.")
    Integer updatedReplicas,

    @JsonPropertyDescription("Client connection string through the client Service.")
    String connectionString,

    @JsonPropertyDescription("Standard conditions: Ready, QuorumAvailable, UpdatePending, ScaleDownBlocked, Degraded.")
    List<Condition> conditions) {

  public ZooKeeperClusterStatus {
    members = members == null ? List.of() : List.copyOf(members);
    pods = pods == null ? List.of() : List.copyOf(pods);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }
}
