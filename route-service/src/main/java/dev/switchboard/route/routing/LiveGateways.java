package dev.switchboard.route.routing;

import dev.switchboard.store.PresenceReader;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * The ids of gateways with a valid lease, re-read from Redis every 500 ms so routing does not ask per message.
 * A gateway that just registered can be missed for up to that long; its users' messages stay in history.
 */
@Component
final class LiveGateways {

    private final PresenceReader presence;
    private volatile Set<String> ids = Set.of();
    private volatile long refreshedAt;

    LiveGateways(PresenceReader presence) {
        this.presence = presence;
    }

    Set<String> ids() {
        if (System.currentTimeMillis() - refreshedAt > 1000) {
            refresh();
        }
        return ids;
    }

    @Scheduled(fixedDelay = 500)
    void refresh() {
        long now = System.currentTimeMillis();
        ids = Set.copyOf(presence.liveGatewayIds(now).toCompletableFuture().join());
        refreshedAt = now;
    }
}
