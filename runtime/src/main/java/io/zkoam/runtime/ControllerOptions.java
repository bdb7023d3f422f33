package io.zkoam.runtime;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How one controller process runs, read from its environment (the Deployment sets these):
 * {@code ZKOAM_HEALTH_ADDRESS} (host:port of /healthz /readyz /metrics, default 0.0.0.0:8080),
 * {@code ZKOAM_LEADER_ELECTION} (default true), {@code POD_NAMESPACE} (namespace of the Lease),
 * {@code POD_NAME} (leader identity), {@code ZKOAM_WATCH_NAMESPACES} (comma-separated; empty = all), and the Lease
 * timings {@code ZKOAM_LEASE_DURATION_SECONDS}, {@code ZKOAM_LEASE_RENEW_DEADLINE_SECONDS},
 * {@code ZKOAM_LEASE_RETRY_PERIOD_SECONDS} (decimal seconds; defaults are Java Operator SDK's 15, 10 and 2).
 */
public record ControllerOptions(
    String name,
    InetSocketAddress healthAddress,
    boolean leaderElection,
    String leaseNamespace,
    String identity,
    Set<String> namespaces,
    LeaseTimings leaseTimings) {

  public ControllerOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(healthAddress, "healthAddress");
    namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
    leaseTimings = leaseTimings == null ? LeaseTimings.DEFAULT : leaseTimings;
  }

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
    return new ControllerOptions(name, address, election, env.get("POD_NAMESPACE"), identity, namespaces,
        LeaseTimings.fromEnvironment(env));
  }

  /** Options for an embedded run (tests, sandbox): health on a free loopback port, no leader election. */
  public static ControllerOptions embedded(String name) {
    return new ControllerOptions(name, new InetSocketAddress("127.0.0.1", 0), false, null,
        name + "-" + UUID.randomUUID(), Set.of(), LeaseTimings.DEFAULT);
  }

  public ControllerOptions withLeaderElection(String namespace) {
    return new ControllerOptions(name, healthAddress, true, namespace, identity, namespaces, leaseTimings);
  }

  public ControllerOptions withLeaseTimings(LeaseTimings timings) {
    return new ControllerOptions(name, healthAddress, leaderElection, leaseNamespace, identity, namespaces, timings);
  }

  /** Name of the Lease the replicas of this controller compete for. */
  public String leaseName() {
    return name + "-leader";
  }

  /**
   * How long a leader's Lease is valid without renewal ({@code leaseDuration}: a standby takes over this long after
   * the leader stopped renewing), how long the leader keeps trying to renew before it gives up leading
   * ({@code renewDeadline}), and how often candidates and the leader try ({@code retryPeriod}).
   */
  public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    /** Java Operator SDK's defaults (15 s, 10 s, 2 s). */
    public static final LeaseTimings DEFAULT = new LeaseTimings(
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE);

    public LeaseTimings {
      Objects.requireNonNull(leaseDuration, "leaseDuration");
      Objects.requireNonNull(renewDeadline, "renewDeadline");
      Objects.requireNonNull(retryPeriod, "retryPeriod");
      if (retryPeriod.isNegative() || retryPeriod.isZero()) {
        throw new IllegalArgumentException("lease retry period must be positive, not " + retryPeriod);
      }
      // The ordering the Kubernetes leader-election clients require: the leader gives up (renew deadline) before its
      // Lease can expire for the others (lease duration), and it can try more than once in between.
      if (renewDeadline.compareTo(leaseDuration) >= 0) {
        throw new IllegalArgumentException("lease renew deadline " + renewDeadline
            + " must be shorter than the lease duration " + leaseDuration);
      }
      if (retryPeriod.compareTo(renewDeadline) >= 0) {
        throw new IllegalArgumentException("lease retry period " + retryPeriod
            + " must be shorter than the renew deadline " + renewDeadline);
      }
    }

    static LeaseTimings fromEnvironment(Map<String, String> env) {
      return new LeaseTimings(
          seconds(env, "ZKOAM_LEASE_DURATION_SECONDS", DEFAULT.leaseDuration),
          seconds(env, "ZKOAM_LEASE_RENEW_DEADLINE_SECONDS", DEFAULT.renewDeadline),
          seconds(env, "ZKOAM_LEASE_RETRY_PERIOD_SECONDS", DEFAULT.retryPeriod));
    }

    private static Duration seconds(Map<String, String> env, String variable, Duration fallback) {
      String value = env.get(variable);
      if (value == null || value.isBlank()) {
        return fallback;
      }
      try {
        return Duration.ofMillis(new BigDecimal(value.strip()).movePointRight(3).longValueExact());
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException(variable + " must be a number of seconds (at most millisecond precision), "
            + "not '" + value + "'", e);
      }
    }
  }
}
