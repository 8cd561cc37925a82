package dev.switchboard.presence.lease;

import dev.switchboard.store.PresenceStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Once a second, releases every gateway whose lease has expired: its connections leave presence, so its users read
 * offline and nothing more is routed there, and the OFFLINE status notices go out. Safe with several
 * presence-service instances: the purge script re-checks the expiry atomically.
 *
 * <p>Not while presence-service is behind: a lease that looks expired by the wall clock may have been renewed by an
 * event still waiting in {@code im.presence} (presence-service was down, restarting or lagging for longer than a
 * lease). When the sweeper first sees a gateway expired, it notes the topic's end offsets (everything published so
 * far, so every renewal the gateway sent before its lease ran out); it purges the gateway only once the presence
 * consumer group has applied up to that mark and the lease is still expired. A dead gateway is thus purged one
 * sweep after its lease expires when presence keeps up, and a live one is never purged for presence-service's own
 * backlog. If Kafka cannot be asked, nothing is purged (presence could not announce it anyway).
 */
@Component
final class LeaseSweeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);

    private final PresenceStore store;
    private final GatewayRelease release;
    private final PresenceBacklog backlog;
    private final MeterRegistry meters;
    /** Gateway id -> end offsets of im.presence when its lease was first seen expired; sweeper thread only. */
    private final Map<String, Map<TopicPartition, Long>> marks = new HashMap<>();

    LeaseSweeper(PresenceStore store, GatewayRelease release, PresenceBacklog backlog, MeterRegistry meters) {
        this.store = store;
        this.release = release;
        this.backlog = backlog;
        this.meters = meters;
        // from startup at zero, so an alert sees the first expiry as an increase
        meters.counter("im.presence.gateways.released", "reason", "lease_expired");
    }

    @Scheduled(fixedDelay = 1000)
    void sweep() {
        long now = System.currentTimeMillis();
        List<String> expired = store.expired(now).toCompletableFuture().join();
        marks.keySet().retainAll(expired);
        if (expired.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> published = backlog.published();
            for (String gatewayId : expired) {
                Map<TopicPartition, Long> mark = marks.computeIfAbsent(gatewayId, id -> published);
                if (!backlog.appliedUpTo(mark)) {
                    meters.counter("im.presence.gateways.purge_deferred").increment();
                    log.info("gateway lease expired, purge deferred until presence has caught up gatewayId={}",
                            gatewayId);
                    continue;
                }
                marks.remove(gatewayId);
                int released = release.release(gatewayId, now, false);
                if (released >= 0) {
                    meters.counter("im.presence.gateways.released", "reason", "lease_expired").increment();
                    log.warn("gateway lease expired gatewayId={} connectionsReleased={}", gatewayId, released);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("lease sweep skipped, presence backlog unknown error={}", e.toString());
        }
    }
}
