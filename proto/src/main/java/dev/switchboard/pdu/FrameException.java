package dev.switchboard.pdu;

import io.netty.handler.codec.DecoderException;

/**
 * A frame that breaks TeamTalk's framing rules. Stackless: a hostile peer can trigger it cheaply, so it must be cheap
 * to throw. {@link #reason()} is a bounded metric tag.
 */
public final class FrameException extends DecoderException {

    private final String reason;

    public FrameException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A short, bounded reason usable as a metric tag: {@code too_short}, {@code too_long}. */
    public String reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
