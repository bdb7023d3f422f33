package io.zkoam.monitoring;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;

/** Traits and clusters for the monitoring tests, written as a user would write them: YAML. */
public final class MonitoringFixtures {
  public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private MonitoringFixtures() {}

  /**
   * A MonitoringTrait on {@code cluster}; {@code specYaml} is the rest of the spec after workloadRef, indented by two
   * spaces (e.g. {@code "  scrape:\n    interval: 15s\n"}), or empty for the defaults.
   */
  public static MonitoringTrait trait(String namespace, String name, String uid, String cluster, String specYaml) {
    String yaml = "apiVersion: zkoam.io/v1alpha1\nkind: MonitoringTrait\n"
        + "metadata:\n  name: " + name + "\n  namespace: " + namespace + "\n"
        + (uid == null ? "" : "  uid: " + uid + "\n  generation: 1\n")
        + "spec:\n  workloadRef:\n    apiVersion: zkoam.io/v1alpha1\n    kind: ZooKeeperCluster\n    name: " + cluster
        + "\n" + specYaml;
    return SERIALIZATION.unmarshal(yaml, MonitoringTrait.class);
  }

  /** A ZooKeeperCluster with {@code replicas} in its spec and, when not null, {@code voters} in its status. */
  public static ZooKeeperCluster cluster(String namespace, String name, Integer replicas, Integer voters) {
    String yaml = "apiVersion: zkoam.io/v1alpha1\nkind: ZooKeeperCluster\n"
        + "metadata:\n  name: " + name + "\n  namespace: " + namespace + "\n"
        + "spec:\n" + (replicas == null ? "  version: 3.9.4\n" : "  replicas: " + replicas + "\n")
        + (voters == null ? "" : "status:\n  voters: " + voters + "\n");
    return SERIALIZATION.unmarshal(yaml, ZooKeeperCluster.class);
  }
}
