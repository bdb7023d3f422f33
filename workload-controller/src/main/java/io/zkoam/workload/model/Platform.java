package io.zkoam.workload.model;

/**
 * Facts about the cluster the controller runs in that change what it renders.
 *
 * @param openShift restricted SCCs assign uid/gid per namespace, so no fixed ids are rendered
 * @param clusterDomain DNS suffix of Services, {@code cluster.local} unless the cluster says otherwise
 */
public record Platform(boolean openShift, String clusterDomain) {
  public static final Platform KUBERNETES = new Platform(false, "cluster.local");
}
