package dev.switchboard.presence.events;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.ConnectionEvent;
import dev.switchboard.proto.envelope.GatewayLease;
import dev.switchboard.proto.envelope.PresenceEvent;
import dev.switchboard.store.GatewayInfo;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies {@code im.presence} to Redis. Each event is applied before the listener returns, so the container commits
 * an offset only after its effect is stored; events of one user arrive in order (keyed by user id), and an OFFLINE
 * removes exactly its own connection, so a late event can never erase a newer session.
 */
@Component
final class PresenceListener {

    private static final Logger log = LoggerFactory.getLogger(PresenceListener.class);

    private final PresenceStore store;
    private final MeterRegistry meters;

    PresenceListener(PresenceStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.PRESENCE, groupId = "presence-service")
    void onEvent(byte[] value) throws InvalidProtocolBufferException {
        PresenceEvent event = PresenceEvent.parseFrom(value);
        switch (event.getEventCase()) {
            case CONNECTION -> apply(event.getConnection());
            case LEASE -> apply(event.getLease());
            default -> throw new InvalidProtocolBufferException("presence event without a known case");
        }
    }

    private void apply(ConnectionEvent event) {
        switch (event.getKind()) {
            case ONLINE -> store.online(new PresenceEntry(event.getUserId(), event.getGatewayId(),
                    event.getConnectionId(), event.getClientType(), event.getStatus(), event.getAtMillis()))
                    .toCompletableFuture().join();
            case OFFLINE -> store.offline(event.getUserId(), event.getGatewayId(), event.getConnectionId())
                    .toCompletableFuture().join();
            default -> {
                meters.counter("im.presence.events", "kind", "invalid").increment();
                return;
            }
        }
        meters.counter("im.presence.events", "kind", event.getKind().name().toLowerCase()).increment();
    }

    private void apply(GatewayLease lease) {
        if (lease.getStopping()) {
            store.purge(lease.getGatewayId(), System.currentTimeMillis(), true).toCompletableFuture().join();
            log.info("gateway released gatewayId={} reason=stopping", lease.getGatewayId());
            meters.counter("im.presence.gateways.released", "reason", "stopping").increment();
            return;
        }
        // a lease runs from when the gateway sent it, but never from the future (clock skew)
        long expiresAt = Math.min(lease.getAtMillis(), System.currentTimeMillis()) + lease.getLeaseMillis();
        boolean fresh = store.renew(new GatewayInfo(lease.getGatewayId(), lease.getHost(), lease.getBackupHost(),
                lease.getPort(), lease.getConnections(), lease.getMaxConnections(), expiresAt))
                .toCompletableFuture().join();
        if (fresh) {
            log.info("gateway registered gatewayId={} host={} port={}", lease.getGatewayId(), lease.getHost(),
                    lease.getPort());
        }
    }
}
