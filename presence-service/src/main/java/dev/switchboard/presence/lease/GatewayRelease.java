package dev.switchboard.presence.lease;

import dev.switchboard.presence.notice.ChangeNotifier;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;
import dev.switchboard.store.PresenceStore;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Releases a gateway (lease expired, or it said it is stopping): its connections leave presence, then every affected
 * user's status notices go out, the OFFLINE notices TeamTalk's route_server never sends for a dead msg_server.
 */
@Component
public final class GatewayRelease {

    private final PresenceStore store;
    private final PresenceReader reader;
    private final ChangeNotifier notifier;

    GatewayRelease(PresenceStore store, PresenceReader reader, ChangeNotifier notifier) {
        this.store = store;
        this.reader = reader;
        this.notifier = notifier;
    }

    /**
     * Purges the gateway (only if its lease is still expired at {@code nowMillis}, unless {@code force}) and notifies.
     * Returns the number of connections released, or -1 when the lease had been renewed. Blocks.
     */
    public int release(String gatewayId, long nowMillis, boolean force) {
        List<PresenceEntry> removed = store.purge(gatewayId, nowMillis, force).toCompletableFuture().join();
        if (removed == null) {
            return -1;
        }
        notifier.notify(UserChanges.of(List.of(), removed, reader), null).join();
        return removed.size();
    }
}
