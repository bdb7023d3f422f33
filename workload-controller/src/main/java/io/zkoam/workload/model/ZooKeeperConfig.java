package io.zkoam.workload.model;

import io.zkoam.api.v1alpha1.ZooKeeperClusterSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * The static part of zoo.cfg that the workload controller owns: timing, limits, housekeeping and the user's
 * overrides. The agent's init step adds what must be per pod or secret (data dirs, ports, metrics, reconfig, auth).
 */
public final class ZooKeeperConfig {
  /** Defaults a user may override. Autopurge is on: without it snapshots and logs grow without bound. */
  static final Map<String, String> DEFAULTS = Map.of(
      "tickTime", "2000",
      "initLimit", "10",
      "syncLimit", "5",
      "maxClientCnxns", "60",
      "autopurge.snapRetainCount", "3",
      "autopurge.purgeInterval", "1");

  private ZooKeeperConfig() {}

  /** Key-sorted, so the same spec always renders the same text (and the same config hash). */
  public static String render(ZooKeeperClusterSpec spec) {
    Map<String, String> values = new TreeMap<>(DEFAULTS);
    values.putAll(spec.config());
    StringBuilder text = new StringBuilder("# Rendered by zkoam; the agent's init step adds the keys zkoam owns.\n");
    values.forEach((k, v) -> text.append(k).append('=').append(v.strip()).append('\n'));
    return text.toString();
  }

  /** Logging of the ZooKeeper server: console only (kubectl logs), INFO. */
  public static String logback() {
    return """
        <configuration>
          <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
            <encoder>
              <pattern>%d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n</pattern>
            </encoder>
          </appender>
          <!-- Every probe and agent call is a four-letter word, each logged at INFO by the connection classes. -->
          <logger name="org.apache.zookeeper.server.NIOServerCnxn" level="WARN"/>
          <logger name="org.apache.zookeeper.server.NettyServerCnxn" level="WARN"/>
          <root level="INFO">
            <appender-ref ref="CONSOLE"/>
          </root>
        </configuration>
        """;
  }
}
