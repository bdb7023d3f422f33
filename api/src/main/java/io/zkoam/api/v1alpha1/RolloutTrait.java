package io.zkoam.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.zkoam.api.ZkoamApi;

/** Trait: Restarts the pods of its workload onto a new revision safely: followers first, the leader last. */
@Group(ZkoamApi.GROUP)
@Version(ZkoamApi.VERSION)
@Kind(RolloutTrait.KIND)
@Plural("rollouttraits")
@Singular("rollouttrait")
@Categories({ZkoamApi.CATEGORY, "zkoam"})
@AdditionalPrinterColumn(name = "Workload", jsonPath = ".spec.workloadRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Updated", jsonPath = ".status.updatedReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Total", jsonPath = ".status.totalReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class RolloutTrait extends CustomResource<RolloutTraitSpec, RolloutTraitStatus> implements Namespaced, Trait {
  public static final String KIND = "RolloutTrait";

  @Override
  public WorkloadRef workloadRef() {
    return getSpec() == null ? null : getSpec().workloadRef();
  }
}
