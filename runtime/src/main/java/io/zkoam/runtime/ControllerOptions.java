package io.zkoam.runtime;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How one controller process runs, read from its environment (the Deployment sets these):
 * {@code ZKOAM_HEALTH_ADDRESS} (host:port of /healthz /readyz /metrics, default 0.0.0.0:8080),
 * {@code ZKOAM_LEADER_ELECTION} (default true), {@code POD_NAMESPACE} (namespace of the Lease),
 * {@code POD_NAME} (leader identity), {@code ZKOAM_WATCH_NAMESPACES} (comma-separated; empty = all).
 */
public record ControllerOptions(
    String name,
    InetSocketAddress healthAddress,
    boolean leaderElection,
    String leaseNamespace,
    String identity,
    Set<String> namespaces) {

  public static ControllerOptions fromEnvironment(String name, Map<String, String> env) {
    String health = env.getOrDefault("ZKOAM_HEALTH_ADDRESS", "0.0.0.0:8080");
    int colon = health.lastIndexOf(':');
    InetSocketAddress address = new InetSocketAddress(health.substring(0, colon),
        Integer.parseInt(health.substring(colon + 1)));
    boolean election = Boolean.parseBoolean(env.getOrDefault("ZKOAM_LEADER_ELECTION", "true"));
    String identity = env.getOrDefault("POD_NAME", name + "-" + UUID.randomUUID());
    Set<String> namespaces = Arrays.stream(env.getOrDefault("ZKOAM_WATCH_NAMESPACES", "").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    return new ControllerOptions(name, address, election, env.get("POD_NAMESPACE"), identity, namespaces);
  }

  /** Options for an embedded run (tests, sandbox): health on a free loopback port, no leader election. */
  public static ControllerOptions embedded(String name) {
    return new ControllerOptions(name, new InetSocketAddress("127.0.0.1", 0), false, null,
        name + "-" + UUID.randomUUID(), Set.of());
  }

  public ControllerOptions withLeaderElection(String namespace) {
    return new ControllerOptions(name, healthAddress, true, namespace, identity, namespaces);
  }
}
