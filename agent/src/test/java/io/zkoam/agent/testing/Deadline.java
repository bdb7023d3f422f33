package io.zkoam.agent.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Bounded waits for tests: every loop has a deadline and fails with the last thing it saw. */
public final class Deadline {

    private static final Duration PAUSE = Duration.ofMillis(100);

    private Deadline() {
    }

    /**
     * Evaluates {@code probe} until it returns a non-null value or {@code timeout} passes.
     *
     * @param what    for the failure message, e.g. "zk-0 serving"
     * @param lastSeen what to print on failure (the latest observation)
     */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + lastSeen.get());
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
