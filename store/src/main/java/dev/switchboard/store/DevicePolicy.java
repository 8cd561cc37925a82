package dev.switchboard.store;

/**
 * How many connections a user may hold at once, decided by presence-service when a connection comes online
 * ({@code switchboard.presence.device-policy}). The connections that lose leave presence in the same atomic step
 * that records the new one, and get {@code IMKickUser}.
 */
public enum DevicePolicy {
    /**
     * TeamTalk's rule (PROTOCOL.md §5.4), the default: at most one PC-class connection (client type without bit 0x10:
     * Windows, Mac) and one mobile-class connection (iOS, Android). A new login makes the older connection(s) of its
     * class lose; PC and mobile never conflict.
     */
    TEAMTALK,
    /** One connection per user, of any class: every new login makes all older connections lose. */
    SINGLE,
    /** No limit: nobody is ever kicked for logging in elsewhere. */
    UNLIMITED;

    /** The value the online script takes. */
    String scriptArgument() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
