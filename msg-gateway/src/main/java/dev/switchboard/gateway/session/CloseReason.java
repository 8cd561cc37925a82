package dev.switchboard.gateway.session;

/**
 * Why the gateway closed a connection: one vocabulary for the log line and the metric tag
 * ({@code im.gateway.connections.closed{reason}}).
 */
public enum CloseReason {
    /** The client closed or reset the connection. */
    PEER_CLOSED,
    /** A frame broke the framing rules (length under 16 or over the maximum). */
    BAD_FRAME,
    /** The TLS handshake failed or timed out (a TLS port only; the reason: im.gateway.tls.handshake.failures). */
    TLS_HANDSHAKE,
    /** A command other than login or heartbeat before login. */
    NOT_LOGGED_IN,
    /** No successful login within the login timeout. */
    LOGIN_TIMEOUT,
    /** Wrong user name or password, disabled user. */
    LOGIN_FAILED,
    /** Too many failed logins of the user name or from the source address: refused without a password check. */
    LOGIN_THROTTLED,
    /** The directory (Redis) could not be read during login. */
    LOGIN_UNAVAILABLE,
    /** Nothing received for the idle timeout. */
    IDLE,
    /** Another login of the same user won (IMKickUser was sent first). */
    KICKED,
    /** The client sent IMLogoutReq. */
    LOGOUT,
    /** The gateway is full. */
    OVERLOAD,
    /** The source address already holds the most connections one address may hold on this gateway. */
    ADDRESS_LIMIT,
    /** The client stopped reading: its write buffer stayed full too long or reached its hard limit. */
    SLOW_CONSUMER,
    /** The gateway is shutting down. */
    SHUTDOWN,
    /** An unexpected error on this connection. */
    ERROR;

    /** The metric tag value. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
