package io.zkoam.agent.serve;

import io.zkoam.agent.zk.ZooKeeperUnavailableException;
import java.time.Duration;
import org.apache.zookeeper.KeeperException;

/**
 * Bounded retries over transient ZooKeeper failures. A leader hand-off (e.g. after the leader was removed) drops every
 * client connection for a moment, and the local server is briefly not serving; an answer a few hundred milliseconds
 * later is better than a 503.
 */
final class TransientRetry {

    static final Duration PAUSE = Duration.ofMillis(100);

    private TransientRetry() {
    }

    /** A ZooKeeper call that may fail transiently. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws KeeperException, ZooKeeperUnavailableException;
    }

    /** The connection or session was lost, or the server took too long: nothing says the request was refused. */
    static boolean isTransient(KeeperException e) {
        return switch (e.code()) {
            case CONNECTIONLOSS, SESSIONEXPIRED, SESSIONMOVED, OPERATIONTIMEOUT -> true;
            default -> false;
        };
    }

    /** Runs {@code call} until it succeeds, fails for real, or {@code budget} is used up (then the last failure). */
    static <T> T within(Duration budget, Call<T> call) throws KeeperException, ZooKeeperUnavailableException {
        long deadline = System.nanoTime() + budget.toNanos();
        while (true) {
            try {
                return call.call();
            } catch (KeeperException e) {
                if (!isTransient(e) || pastDeadline(deadline)) {
                    throw e;
                }
            } catch (ZooKeeperUnavailableException e) {
                if (pastDeadline(deadline)) {
                    throw e;
                }
            }
            pause();
        }
    }

    static boolean pastDeadline(long deadlineNanos) {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    // Between attempts: the hand-off needs a moment; the callers' deadlines bound the loop.
    static void pause() throws ZooKeeperUnavailableException {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZooKeeperUnavailableException("interrupted");
        }
    }
}
