package io.zkoam.monitoring;

import java.time.Duration;

/**
 * How often a trait is looked at again without an event: objects this controller does not watch (the monitoring
 * objects themselves, read by name) are re-checked for drift at {@code resync}; a missing prometheus-operator is
 * asked for again at {@code retry}.
 */
public record MonitoringTiming(Duration resync, Duration retry) {
  public static final MonitoringTiming DEFAULT = new MonitoringTiming(Duration.ofMinutes(5), Duration.ofMinutes(1));
}
