package io.zkoam.api.naming;

/**
 * The contract between the workload controller (which renders ZooKeeper pods), the agent (init container and
 * sidecar in each pod) and the traits (which call the agent): ports, paths, file and key names. docs/agent.md
 * describes the agent's side of it.
 */
public final class PodLayout {
  public static final int CLIENT_PORT = 2181;
  public static final int QUORUM_PORT = 2888;
  public static final int ELECTION_PORT = 3888;
  /** ZooKeeper's own Prometheus metrics provider. */
  public static final int METRICS_PORT = 7000;
  /** The agent's HTTP API (/status /runok /health /get /add /del /metrics). */
  public static final int AGENT_PORT = 8081;
  public static final int EXPORTER_PORT = 9141;

  public static final String CLIENT_PORT_NAME = "client";
  public static final String QUORUM_PORT_NAME = "quorum";
  public static final String ELECTION_PORT_NAME = "election";
  public static final String METRICS_PORT_NAME = "metrics";
  public static final String AGENT_PORT_NAME = "agent";
  public static final String EXPORTER_PORT_NAME = "exporter";

  public static final String INIT_CONTAINER = "init";
  public static final String ZOOKEEPER_CONTAINER = "zookeeper";
  public static final String AGENT_CONTAINER = "agent";
  public static final String EXPORTER_CONTAINER = "exporter";

  public static final String DATA_VOLUME = "data";
  public static final String CONFIG_VOLUME = "config-in";
  public static final String SECRET_VOLUME = "auth";
  public static final String LOGS_VOLUME = "logs";
  public static final String TMP_VOLUME = "tmp";
  /** The agent jar, copied here by the init container so the ZooKeeper container can run the init step too. */
  public static final String AGENT_BIN_VOLUME = "agent-bin";

  /** The data volume: myid, ZooKeeper's snapshots and logs, and (under conf/) the config ZooKeeper rewrites. */
  public static final String DATA_DIR = "/data";
  /** Where the static and dynamic config live; on the data volume because ZooKeeper rewrites them on reconfig. */
  public static final String CONF_DIR = "/data/conf";
  public static final String CONFIG_IN_DIR = "/config-in";
  public static final String SECRET_DIR = "/var/run/zkoam/secrets";
  public static final String LOGS_DIR = "/logs";
  public static final String TMP_DIR = "/tmp";
  public static final String AGENT_BIN_DIR = "/opt/zkoam-bin";

  /** Keys of the cluster ConfigMap, mounted at {@link #CONFIG_IN_DIR}. */
  public static final String STATIC_CONFIG_KEY = "zoo.cfg";
  public static final String DYNAMIC_CONFIG_KEY = "zoo.cfg.dynamic";
  public static final String CONFIG_VERSION_KEY = "config-version";
  public static final String CLUSTER_UID_KEY = "cluster-uid";
  public static final String LOGBACK_KEY = "logback.xml";

  /** Keys of the cluster Secret, mounted at {@link #SECRET_DIR}. */
  public static final String SUPER_PASSWORD_KEY = "super-password";
  public static final String AGENT_TOKEN_KEY = "agent-token";

  /** The agent image runs {@code java [flags] -jar AGENT_JAR init|serve}. */
  public static final String AGENT_JAR = "/opt/zkoam/zkoam-agent.jar";

  public static final long RUN_AS_USER = 1000L;

  private PodLayout() {}

  /** {@code host:port} for a URL: an IPv6 pod IP goes in brackets ({@code [fd00::1]:8081}). */
  public static String authority(String podIp, int port) {
    return (podIp.indexOf(':') >= 0 && !podIp.startsWith("[") ? "[" + podIp + "]" : podIp) + ":" + port;
  }
}
