package io.zkoam.sandbox.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection at the embedded API: for a while, a share of write requests (POST, PUT, PATCH, DELETE) fails with
 * 409 Conflict or 500, as an overloaded or contended API server would. Controllers must retry through it.
 */
public final class WriteFaults {
  private final Clock clock;
  private volatile Instant until = Instant.EPOCH;
  private volatile double share;
  private final AtomicLong injected = new AtomicLong();

  public WriteFaults(Clock clock) {
    this.clock = clock;
  }

  /** Fails {@code share} (0..1) of writes for {@code duration}. */
  public void failWrites(double share, Duration duration) {
    this.share = share;
    this.until = clock.instant().plus(duration);
  }

  public void stop() {
    until = Instant.EPOCH;
  }

  public long injected() {
    return injected.get();
  }

  /** The status code to answer instead of handling the request, or empty to handle it. */
  Optional<Integer> decide(String method) {
    boolean write = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    if (!write || clock.instant().isAfter(until) || ThreadLocalRandom.current().nextDouble() >= share) {
      return Optional.empty();
    }
    injected.incrementAndGet();
    return Optional.of(ThreadLocalRandom.current().nextBoolean() ? 409 : 500);
  }
}
