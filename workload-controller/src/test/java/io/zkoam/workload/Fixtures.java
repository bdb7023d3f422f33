package io.zkoam.workload;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zkoam.api.testing.Manifests;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Clusters for tests: the standalone sample, or a spec written inline. */
public final class Fixtures {
  public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Fixtures() {}

  /** samples/standalone/zookeepercluster.yaml in namespace {@code prod} with a fixed uid. */
  public static ZooKeeperCluster sampleCluster() {
    try {
      Path sample = Manifests.repositoryRoot().resolve("samples/standalone/zookeepercluster.yaml");
      ZooKeeperCluster zk = SERIALIZATION.unmarshal(Files.readString(sample), ZooKeeperCluster.class);
      zk.getMetadata().setNamespace("prod");
      zk.getMetadata().setUid("6f1c1a52-0000-4000-8000-000000000001");
      zk.getMetadata().setGeneration(1L);
      return zk;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A cluster whose spec is the given YAML (indented under spec:). */
  public static ZooKeeperCluster cluster(String name, String specYaml) {
    String yaml = "apiVersion: zkoam.io/v1alpha1\nkind: ZooKeeperCluster\nmetadata:\n  name: " + name
        + "\n  namespace: ns\nspec:\n" + specYaml.indent(2);
    ZooKeeperCluster zk = SERIALIZATION.unmarshal(yaml, ZooKeeperCluster.class);
    zk.getMetadata().setUid("uid-" + name);
    zk.getMetadata().setGeneration(1L);
    return zk;
  }

  public static ZooKeeperCluster withSpec(ZooKeeperCluster zk, ZooKeeperClusterSpec spec) {
    ZooKeeperCluster copy = new ZooKeeperCluster();
    copy.setMetadata(new ObjectMetaBuilder(zk.getMetadata()).build());
    copy.setSpec(spec);
    copy.setStatus(zk.getStatus());
    return copy;
  }
}
