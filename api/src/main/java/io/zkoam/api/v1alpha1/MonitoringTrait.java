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

/** Trait: Scrape config, alert rules, alert routing and a dashboard for its workload. */
@Group(ZkoamApi.GROUP)
@Version(ZkoamApi.VERSION)
@Kind(MonitoringTrait.KIND)
@Plural("monitoringtraits")
@Singular("monitoringtrait")
@Categories({ZkoamApi.CATEGORY, "zkoam"})
@AdditionalPrinterColumn(name = "Workload", jsonPath = ".spec.workloadRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Monitor", jsonPath = ".status.monitor", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Alerts", jsonPath = ".status.alertCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MonitoringTrait extends CustomResource<MonitoringTraitSpec, MonitoringTraitStatus> implements Namespaced, Trait {
  public static final String KIND = "MonitoringTrait";

  @Override
  public WorkloadRef workloadRef() {
    return getSpec() == null ? null : getSpec().workloadRef();
  }
}
