package io.zkoam.agent.init;

/** Init cannot or must not go on; the message says why and what to do. The pod's init container exits non-zero. */
public class InitException extends Exception {

    /** Bad or missing input, unreadable volume. */
    public static final int EXIT_FAILED = 1;
    /** The stale-volume guard refused the volume; a human must decide (docs/agent.md). */
    public static final int EXIT_REFUSED = 2;

    private final int exitCode;

    public InitException(String message) {
        this(message, EXIT_FAILED);
    }

    public InitException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
