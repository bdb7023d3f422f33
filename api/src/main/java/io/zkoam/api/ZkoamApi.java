package io.zkoam.api;

/** Group, version and the validation patterns every zkoam custom resource shares. */
public final class ZkoamApi {
  public static final String GROUP = "zkoam.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CATEGORY = "zookeeper";

  /** A Kubernetes resource quantity that is positive, e.g. {@code 10Gi}, {@code 512Mi}, {@code 1.5G}. */
  public static final String QUANTITY_PATTERN =
      "^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+]?[0-9]+)?$";
  /** A Go-style duration as Kubernetes tools write them, e.g. {@code 30s}, {@code 10m}, {@code 1h30m}. */
  public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
  /** A DNS-1123 subdomain: the shape of every Kubernetes object name. */
  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  /** An RFC 3339 timestamp, as {@code date -u +%Y-%m-%dT%H:%M:%SZ} prints it. */
  public static final String TIMESTAMP_PATTERN =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

  private ZkoamApi() {}
}
