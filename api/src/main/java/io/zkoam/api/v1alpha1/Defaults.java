package io.zkoam.api.v1alpha1;

/** Default values, written once for both the Java types and the CRD schema's {@code default}s. */
public final class Defaults {
  public static final int REPLICAS = 3;
  public static final String VERSION = "3.9.5";
  public static final String ZOOKEEPER_IMAGE_REPOSITORY = "zookeeper";
  public static final String AGENT_IMAGE = "ghcr.io/zkoam/zkoam-agent:0.1.0";
  public static final String EXPORTER_IMAGE = "dabealu/zookeeper-exporter:v0.1.13";
  public static final String STORAGE_SIZE = "10Gi";
  public static final int HEAP_PERCENT = 50;
  public static final int CLIENT_PORT = 2181;

  private Defaults() {}
}
