package dev.switchboard.store;

/**
 * The outcome of recording a connection that came online.
 *
 * @param change the connection added, the losers removed by the {@link DevicePolicy}, the user's connections after
 */
public record OnlineResult(Outcome outcome, PresenceChange change) {

    public enum Outcome {
        /** Recorded; {@code change.removed()} are the connections that lost to it. */
        ADDED,
        /** Already recorded (a redelivered event): nothing changed. */
        KNOWN,
        /** Its gateway holds no lease (it was purged or never registered): nothing recorded, so no ghost remains. */
        UNLEASED,
        /**
         * Known to be closed: it has a tombstone (its OFFLINE was applied: a redelivered ONLINE), or the gateway's last
         * applied snapshot is newer than this event and did not hold it. Nothing recorded.
         */
        STALE
    }
}
