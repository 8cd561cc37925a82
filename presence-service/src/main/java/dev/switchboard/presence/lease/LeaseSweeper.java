package dev.switchboard.presence.lease;

import dev.switchboard.store.PresenceStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Once a second, releases every gateway whose lease has expired: its connections leave presence, so its users read
 * offline and nothing more is routed there. Safe with several presence-service instances: the purge script re-checks
 * the expiry atomically.
 */
@Component
final class LeaseSweeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);

    private final PresenceStore store;
    private final MeterRegistry meters;

    LeaseSweeper(PresenceStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    @Scheduled(fixedDelay = 1000)
    void sweep() {
        long now = System.currentTimeMillis();
        for (String gatewayId : store.expired(now).toCompletableFuture().join()) {
            List<Long> users = store.purge(gatewayId, now, false).toCompletableFuture().join();
            if (users != null) {
                meters.counter("im.presence.gateways.released", "reason", "lease_expired").increment();
                log.warn("gateway lease expired gatewayId={} connectionsReleased={}", gatewayId, users.size());
            }
        }
    }
}
