package dev.switchboard.presence.lease;

import dev.switchboard.store.PresenceStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a second, releases every gateway whose lease has expired: its connections leave presence, so its users read
 * offline and nothing more is routed there, and the OFFLINE status notices go out. Safe with several
 * presence-service instances: the purge script re-checks the expiry atomically.
 */
@Component
final class LeaseSweeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);

    private final PresenceStore store;
    private final GatewayRelease release;
    private final MeterRegistry meters;

    LeaseSweeper(PresenceStore store, GatewayRelease release, MeterRegistry meters) {
        this.store = store;
        this.release = release;
        this.meters = meters;
    }

    @Scheduled(fixedDelay = 1000)
    void sweep() {
        long now = System.currentTimeMillis();
        for (String gatewayId : store.expired(now).toCompletableFuture().join()) {
            int released = release.release(gatewayId, now, false);
            if (released >= 0) {
                meters.counter("im.presence.gateways.released", "reason", "lease_expired").increment();
                log.warn("gateway lease expired gatewayId={} connectionsReleased={}", gatewayId, released);
            }
        }
    }
}
