package io.zkoam.monitoring.render;

/** Names of the objects a MonitoringTrait creates, all in the cluster's namespace and named after the cluster. */
public final class MonitoringNames {
  /** The constant target label naming the cluster, added by the monitor's relabeling and used by every rule. */
  public static final String CLUSTER_LABEL = "zk_cluster";

  private MonitoringNames() {}

  public static String monitor(String cluster) {
    return cluster + "-zookeeper";
  }

  public static String rules(String cluster) {
    return cluster + "-zookeeper-alerts";
  }

  public static String extraRules(String cluster) {
    return cluster + "-zookeeper-extra-alerts";
  }

  public static String alertmanagerConfig(String cluster) {
    return cluster + "-zookeeper-alerts";
  }

  public static String dashboard(String cluster) {
    return cluster + "-zookeeper-dashboard";
  }

  /** The selector every rule puts inside its braces. */
  public static String selector(String namespace, String cluster) {
    return "namespace=\"" + namespace + "\"," + CLUSTER_LABEL + "=\"" + cluster + "\"";
  }
}
