package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.zkoam.api.ZkoamApi;

/** The data volume of each pod: a PersistentVolumeClaim per pod, or an emptyDir when ephemeral. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "(has(self.ephemeral) && self.ephemeral) == (has(oldSelf.ephemeral) && oldSelf.ephemeral)",
    message = "storage.ephemeral is immutable")
@ValidationRule(value = "!has(oldSelf.storageClassName) || (has(self.storageClassName) "
    + "&& self.storageClassName == oldSelf.storageClassName)",
    message = "storage.storageClassName is immutable")
@ValidationRule(value = "!has(oldSelf.size) || !has(self.size) "
    + "|| quantity(self.size).compareTo(quantity(oldSelf.size)) >= 0",
    message = "storage.size may grow but not shrink")
public record StorageSpec(
    @JsonPropertyDescription("Use an emptyDir instead of a PersistentVolumeClaim: data is lost with the pod.")
    @Default("false")
    Boolean ephemeral,

    @JsonPropertyDescription("Size of each pod's volume (may grow if the StorageClass allows expansion).")
    @Pattern(ZkoamApi.QUANTITY_PATTERN) @Default(Defaults.STORAGE_SIZE)
    String size,

    @JsonPropertyDescription("StorageClass of the volumes; the cluster default when empty. Immutable.")
    String storageClassName,

    @JsonPropertyDescription("What happens to the claims when the cluster is deleted or scaled down.")
    ReclaimPolicy reclaimPolicy) {

  public static final StorageSpec DEFAULT = new StorageSpec(null, null, null, null);

  public StorageSpec {
    ephemeral = ephemeral != null && ephemeral;
    size = size == null ? Defaults.STORAGE_SIZE : size;
    reclaimPolicy = reclaimPolicy == null ? ReclaimPolicy.DEFAULT : reclaimPolicy;
  }

  /** Maps to the StatefulSet's persistentVolumeClaimRetentionPolicy. Retain keeps data unless told otherwise. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ReclaimPolicy(
      @JsonPropertyDescription("Claims when the ZooKeeperCluster is deleted.") @Default("Retain") Policy whenDeleted,
      @JsonPropertyDescription("Claims of pods removed by a scale-down.") @Default("Retain") Policy whenScaled) {

    public static final ReclaimPolicy DEFAULT = new ReclaimPolicy(null, null);

    public ReclaimPolicy {
      whenDeleted = whenDeleted == null ? Policy.Retain : whenDeleted;
      whenScaled = whenScaled == null ? Policy.Retain : whenScaled;
    }
  }

  public enum Policy { Retain, Delete }
}
