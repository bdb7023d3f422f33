package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterSpec;
import java.util.Map;

/** Everything the pure builders need for one cluster: the CR, the platform and the membership to render. */
public record ClusterInputs(ZooKeeperCluster cluster, Platform platform, Membership membership) {

  public String name() {
    return cluster.getMetadata().getName();
  }

  public String namespace() {
    return cluster.getMetadata().getNamespace();
  }

  public ZooKeeperClusterSpec spec() {
    return cluster.getSpec();
  }

  public Map<String, String> labels() {
    return ClusterLabels.of(name(), spec().version());
  }

  /** Controller owner reference: deleting the CR deletes the object (and only this controller manages it). */
  public OwnerReference ownerReference() {
    return new OwnerReferenceBuilder()
        .withApiVersion(cluster.getApiVersion())
        .withKind(cluster.getKind())
        .withName(name())
        .withUid(cluster.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** Metadata of an owned object: name, namespace, the cluster's labels and the owner reference. */
  public ObjectMeta metadata(String objectName) {
    return new ObjectMetaBuilder()
        .withName(objectName)
        .withNamespace(namespace())
        .withLabels(labels())
        .withOwnerReferences(ownerReference())
        .build();
  }
}
