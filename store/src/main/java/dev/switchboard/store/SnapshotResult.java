package dev.switchboard.store;

import java.util.List;

/**
 * What applying a gateway snapshot did.
 *
 * @param added   connections of the snapshot presence did not hold (missed or purged while the gateway was alive)
 * @param removed connections presence held for the gateway that the snapshot says are gone
 */
public record SnapshotResult(Outcome outcome, List<PresenceEntry> added, List<PresenceEntry> removed) {

    public SnapshotResult {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public enum Outcome {
        /** The gateway's connections are now the snapshot's (see {@link PresenceStore}). */
        APPLIED,
        /** The gateway holds no lease: nothing changed (its next registration asks for a new snapshot). */
        UNLEASED,
        /** A snapshot at least as new was applied already: nothing changed. */
        STALE,
        /** Older than {@link PresenceStore#TOMBSTONE_TTL}: nothing changed; ask the gateway for a fresh one. */
        EXPIRED
    }
}
