package io.zkoam.api.naming;

import java.util.OptionalInt;

/** Every name zkoam derives from a ZooKeeperCluster's name, in one place so controllers and traits agree. */
public final class ClusterNames {
  public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

  private ClusterNames() {}

  public static String statefulSet(String cluster) {
    return cluster;
  }

  public static String headlessService(String cluster) {
    return cluster + "-hs";
  }

  public static String clientService(String cluster) {
    return cluster + "-client";
  }

  public static String configMap(String cluster) {
    return cluster + "-config";
  }

  /** Holds the super-user password (reconfig) and the agent's bearer token. */
  public static String authSecret(String cluster) {
    return cluster + "-auth";
  }

  public static String disruptionBudget(String cluster) {
    return cluster;
  }

  public static String pod(String cluster, int ordinal) {
    return cluster + "-" + ordinal;
  }

  /** ZooKeeper server ids start at 1; pod ordinals at 0. */
  public static int serverId(int ordinal) {
    return ordinal + 1;
  }

  public static int ordinalOfServer(int serverId) {
    return serverId - 1;
  }

  /** The ordinal of a pod of this cluster, or empty when the name is not {@code <cluster>-<n>}. */
  public static OptionalInt ordinal(String cluster, String podName) {
    String prefix = cluster + "-";
    if (podName == null || !podName.startsWith(prefix)) {
      return OptionalInt.empty();
    }
    String rest = podName.substring(prefix.length());
    if (rest.isEmpty() || rest.length() > 4 || !rest.chars().allMatch(Character::isDigit)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(rest));
  }

  /** Stable DNS name of a pod through the headless Service; the address ZooKeeper's server lines use. */
  public static String podHost(String cluster, int ordinal, String namespace, String clusterDomain) {
    return pod(cluster, ordinal) + "." + headlessService(cluster) + "." + namespace + ".svc." + clusterDomain;
  }

  /** Host of the client Service, for connection strings. */
  public static String clientServiceHost(String cluster, String namespace, String clusterDomain) {
    return clientService(cluster) + "." + namespace + ".svc." + clusterDomain;
  }
}
