package io.zkoam.sandbox;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterSpec;

/** ZooKeeperClusters for sandbox tests. */
public final class TestClusters {
  private TestClusters() {}

  public static ZooKeeperCluster cluster(String name, int replicas) {
    ZooKeeperCluster zk = new ZooKeeperCluster();
    zk.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    zk.setSpec(new ZooKeeperClusterSpec(replicas, null, null, null, null, null, null, null, null, null, null, null,
        null));
    return zk;
  }
}
