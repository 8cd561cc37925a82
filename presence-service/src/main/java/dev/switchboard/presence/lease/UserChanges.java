package dev.switchboard.presence.lease;

import dev.switchboard.store.PresenceChange;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Turns what a gateway-wide update (a purge, a snapshot) added and removed into one {@link PresenceChange} per user,
 * with the user's connections read right after it, for the status notices.
 */
final class UserChanges {

    private UserChanges() {
    }

    /** One change per user touched; blocks while it reads the users' connections. */
    static List<PresenceChange> of(List<PresenceEntry> added, List<PresenceEntry> removed, PresenceReader reader) {
        Map<Long, List<PresenceEntry>> addedByUser = new TreeMap<>();
        Map<Long, List<PresenceEntry>> removedByUser = new TreeMap<>();
        added.forEach(entry -> addedByUser.computeIfAbsent(entry.userId(), id -> new ArrayList<>()).add(entry));
        removed.forEach(entry -> removedByUser.computeIfAbsent(entry.userId(), id -> new ArrayList<>()).add(entry));
        Map<Long, CompletableFuture<List<PresenceEntry>>> remaining = new TreeMap<>();
        Stream.concat(addedByUser.keySet().stream(), removedByUser.keySet().stream()).distinct()
                .forEach(userId -> remaining.put(userId, reader.connections(userId).toCompletableFuture()));
        return remaining.entrySet().stream()
                .map(user -> new PresenceChange(user.getKey(), addedByUser.getOrDefault(user.getKey(), List.of()),
                        removedByUser.getOrDefault(user.getKey(), List.of()), user.getValue().join()))
                .toList();
    }
}
