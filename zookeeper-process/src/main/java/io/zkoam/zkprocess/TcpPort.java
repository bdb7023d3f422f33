package io.zkoam.zkprocess;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Supplier;

/** Bounded waits on TCP ports. */
public final class TcpPort {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    private static final int CONNECT_TIMEOUT_MILLIS = 250;

    private TcpPort() {
    }

    /** True when a TCP connect to the address succeeds right now. */
    public static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until the address accepts a TCP connection, at most {@code timeout}.
     *
     * @param giveUpReason checked between attempts; a non-null answer ends the wait at once (e.g. "process exited"),
     *                     so a dead server fails fast instead of using the whole timeout
     * @throws WaitTimeoutException when the deadline passes or {@code giveUpReason} answers
     */
    public static void awaitAccepting(InetSocketAddress address, Duration timeout, Supplier<String> giveUpReason) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (accepts(address)) {
                return;
            }
            String reason = giveUpReason.get();
            if (reason != null) {
                throw new WaitTimeoutException(address + " does not accept connections: " + reason);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new WaitTimeoutException(address + " did not accept connections within " + timeout);
            }
            pause();
        }
    }

    /** Waits until nothing accepts on the address any more (e.g. a killed server's client port), at most {@code timeout}. */
    public static void awaitClosed(InetSocketAddress address, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepts(address)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new WaitTimeoutException(address + " still accepts connections after " + timeout);
            }
            pause();
        }
    }

    // A port cannot be watched for "now accepting"; retrying with a short pause is the only way, and the callers'
    // deadlines bound it.
    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitTimeoutException("interrupted while waiting");
        }
    }
}
