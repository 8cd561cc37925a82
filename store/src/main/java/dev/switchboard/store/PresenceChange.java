package dev.switchboard.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What one atomic presence update did to a user: the connection it recorded (if any), the connections it removed
 * (an offline, the losers of a login, a kick, a purge) and the user's connections right after it.
 */
public record PresenceChange(long userId, List<PresenceEntry> added, List<PresenceEntry> removed,
                             List<PresenceEntry> remaining) {

    public PresenceChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        remaining = List.copyOf(remaining);
    }

    /** The user's connections just before the update. */
    public List<PresenceEntry> before() {
        List<PresenceEntry> before = new ArrayList<>(remaining);
        before.removeAll(added);
        before.addAll(removed);
        return before;
    }

    /** Whether the update changed nothing. */
    public boolean none() {
        return added.isEmpty() && removed.isEmpty();
    }
}
