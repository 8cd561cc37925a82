package dev.switchboard.pdu;

import io.netty.handler.codec.DecoderException;

import java.util.List;

/**
 * A frame that breaks TeamTalk's framing rules. Stackless: a hostile peer can trigger it cheaply, so it must be cheap
 * to throw. {@link #reason()} is a bounded metric tag.
 */
public final class FrameException extends DecoderException {

    /** {@link #reason()} of a length under the 16-byte header. */
    public static final String TOO_SHORT = "too_short";
    /** {@link #reason()} of a length over the maximum frame length. */
    public static final String TOO_LONG = "too_long";
    /** Every {@link #reason()}, so a counter can exist for each before the first bad frame. */
    public static final List<String> REASONS = List.of(TOO_SHORT, TOO_LONG);

    private final String reason;

    public FrameException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A short, bounded reason usable as a metric tag: one of {@link #REASONS}. */
    public String reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
