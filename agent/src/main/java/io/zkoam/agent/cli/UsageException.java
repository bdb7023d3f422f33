package io.zkoam.agent.cli;

/** A missing or malformed flag; the agent exits with {@link #EXIT_CODE} and the message. */
public class UsageException extends RuntimeException {

    /** EX_USAGE from sysexits.h. */
    public static final int EXIT_CODE = 64;

    public UsageException(String message) {
        super(message);
    }
}
