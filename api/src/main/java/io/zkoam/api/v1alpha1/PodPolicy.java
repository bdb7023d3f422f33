package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/** Metadata and scheduling of the ZooKeeper pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodPolicy(
    @JsonPropertyDescription("Extra labels on each pod (zkoam's own labels win on conflict).")
    Map<String, String> labels,

    @JsonPropertyDescription("Extra annotations on each pod.")
    Map<String, String> annotations,

    @JsonPropertyDescription("Spread of pods over nodes when affinity is not given: Preferred (default), Required, "
        + "or None.")
    @Default("Preferred")
    AntiAffinity antiAffinity,

    @JsonPropertyDescription("Full affinity; replaces the antiAffinity default when set.")
    Affinity affinity,

    @JsonPropertyDescription("Topology spread constraints of the pods.")
    List<TopologySpreadConstraint> topologySpreadConstraints,

    @JsonPropertyDescription("Tolerations of the pods.")
    List<Toleration> tolerations,

    @JsonPropertyDescription("Node selector of the pods.")
    Map<String, String> nodeSelector,

    @JsonPropertyDescription("PriorityClass of the pods.")
    String priorityClassName,

    @JsonPropertyDescription("Pod security context. Default: non-root uid/gid 1000 (none on OpenShift, whose SCC "
        + "assigns them), seccomp RuntimeDefault.")
    PodSecurityContext securityContext,

    @JsonPropertyDescription("Seconds a pod gets to stop before it is killed.")
    @Min(1) @Default("30")
    Long terminationGracePeriodSeconds,

    @JsonPropertyDescription("ServiceAccount the pods run as (they need no Kubernetes permissions).")
    String serviceAccountName) {

  public static final PodPolicy DEFAULT =
      new PodPolicy(null, null, null, null, null, null, null, null, null, null, null);

  public PodPolicy {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    antiAffinity = antiAffinity == null ? AntiAffinity.Preferred : antiAffinity;
    topologySpreadConstraints = topologySpreadConstraints == null ? List.of() : List.copyOf(topologySpreadConstraints);
    tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    terminationGracePeriodSeconds = terminationGracePeriodSeconds == null ? 30L : terminationGracePeriodSeconds;
  }

  public enum AntiAffinity { Preferred, Required, None }
}
