package dev.switchboard.client;

/**
 * A {@link TeamTalkClient} operation failed: the connection could not be opened, was closed, or the server did not
 * answer in time. The message says which, e.g. {@code "timeout: no answer to cid=0x0301 seq=3 within PT10S"}.
 */
public class TeamTalkClientException extends RuntimeException {

    public TeamTalkClientException(String message) {
        super(message);
    }

    public TeamTalkClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
