package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.zkoam.api.ZkoamApi;

/** OAM-style reference from a trait to its workload, in the trait's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "self.kind == 'ZooKeeperCluster'", message = "workloadRef.kind must be ZooKeeperCluster")
@ValidationRule(value = "self == oldSelf", message = "workloadRef is immutable: delete the trait and create a new one")
public record WorkloadRef(
    @JsonPropertyDescription("API version of the workload.")
    @Pattern("^zkoam\\.io/v[0-9a-z]+$") @Default(ZkoamApi.API_VERSION)
    String apiVersion,

    @JsonPropertyDescription("Kind of the workload; must be ZooKeeperCluster.")
    @Required
    String kind,

    @JsonPropertyDescription("Name of the ZooKeeperCluster in the trait's namespace.")
    @Required @Pattern(ZkoamApi.NAME_PATTERN)
    String name) {

  public WorkloadRef {
    apiVersion = apiVersion == null ? ZkoamApi.API_VERSION : apiVersion;
  }

  public static WorkloadRef to(String clusterName) {
    return new WorkloadRef(ZkoamApi.API_VERSION, ZooKeeperCluster.KIND, clusterName);
  }
}
