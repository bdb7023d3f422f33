package io.zkoam.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.zkoam.api.ZkoamApi;

/** The workload: one ZooKeeper ensemble. Traits (scaler, rollout, monitoring) point at it by name. */
@Group(ZkoamApi.GROUP)
@Version(ZkoamApi.VERSION)
@Kind(ZooKeeperCluster.KIND)
@Plural("zookeeperclusters")
@Singular("zookeepercluster")
@ShortNames({"zk", "zkc"})
@Categories({ZkoamApi.CATEGORY, "zkoam"})
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".spec.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Voters", jsonPath = ".status.voters", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Leader", jsonPath = ".status.leader", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ZooKeeperCluster extends CustomResource<ZooKeeperClusterSpec, ZooKeeperClusterStatus>
    implements Namespaced {
  public static final String KIND = "ZooKeeperCluster";

  /** Every field of the spec has a default, so a cluster written without a spec is a default 3-member ensemble. */
  @Override
  protected ZooKeeperClusterSpec initSpec() {
    return new ZooKeeperClusterSpec(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
