package io.zkoam.api.naming;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels on everything zkoam creates for a cluster. The selector part never changes once a StatefulSet exists. */
public final class ClusterLabels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String VERSION = "app.kubernetes.io/version";
  /** The labels the seed's manifests used; kept so existing dashboards and selectors keep working. */
  public static final String APP = "app";
  public static final String LEGACY_COMPONENT = "component";
  /** Annotation with the hash of the rendered configuration, which makes a config change a new revision. */
  public static final String CONFIG_HASH_ANNOTATION = "zkoam.io/config-hash";

  public static final String APP_NAME = "zookeeper";
  public static final String WORKLOAD_MANAGER = "zkoam-workload-controller";

  private ClusterLabels() {}

  /** Selects the pods of one cluster. */
  public static Map<String, String> selector(String cluster) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, APP_NAME);
    labels.put(INSTANCE, cluster);
    return labels;
  }

  /** The label selector as a string, for the scale subresource and {@code kubectl -l}. */
  public static String selectorString(String cluster) {
    return NAME + "=" + APP_NAME + "," + INSTANCE + "=" + cluster;
  }

  /** All labels of objects owned by the workload controller. */
  public static Map<String, String> of(String cluster, String version) {
    Map<String, String> labels = selector(cluster);
    labels.put(COMPONENT, "server");
    labels.put(PART_OF, "zkoam");
    labels.put(MANAGED_BY, WORKLOAD_MANAGER);
    if (version != null) {
      labels.put(VERSION, version);
    }
    labels.put(APP, cluster);
    labels.put(LEGACY_COMPONENT, APP_NAME);
    return labels;
  }
}
