package dev.switchboard.local;

/**
 * The local cluster could not start: a jar is missing, a port is taken, a service died or did not become ready in
 * time. The message says which and what to do; everything started before the failure has been stopped.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
