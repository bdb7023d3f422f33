package io.zkoam.zkprocess;

/** A bounded wait ended without the awaited condition. */
public class WaitTimeoutException extends RuntimeException {

    public WaitTimeoutException(String message) {
        super(message);
    }
}
