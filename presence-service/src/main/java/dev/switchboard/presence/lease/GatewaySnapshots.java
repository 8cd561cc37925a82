package dev.switchboard.presence.lease;

import dev.switchboard.presence.notice.ChangeNotifier;
import dev.switchboard.presence.notice.OnlineConfirmations;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.ConnectionEvent;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.GatewaySnapshot;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;
import dev.switchboard.store.PresenceStore;
import dev.switchboard.store.SnapshotResult;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Locale;

/**
 * Resynchronises presence with what a gateway really holds. When presence registers a gateway (its first lease, a
 * new run under its id, or a gateway that was purged while alive and renews again) it {@link #request asks} the
 * gateway for its snapshot with a control {@link Delivery} on {@code im.deliver.<gateway>}; the gateway answers on
 * {@code im.presence} and {@link #apply} makes the gateway's connections exactly the snapshot's, then sends the
 * status notices the differences imply (users back online, connections of a previous run offline). Nobody is kicked.
 * Connections whose ONLINE was dropped because the gateway had no lease yet or was purged come back this way within a
 * lease interval or two; an applied snapshot is confirmed to the gateway ({@link OnlineConfirmations}), which then
 * answers the logins it held for the connections the snapshot carried.
 */
@Component
public final class GatewaySnapshots {

    private static final Logger log = LoggerFactory.getLogger(GatewaySnapshots.class);

    private final PresenceStore store;
    private final PresenceReader reader;
    private final ChangeNotifier notifier;
    private final OnlineConfirmations confirmations;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;

    GatewaySnapshots(PresenceStore store, PresenceReader reader, ChangeNotifier notifier,
                     OnlineConfirmations confirmations, KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        this.store = store;
        this.reader = reader;
        this.notifier = notifier;
        this.confirmations = confirmations;
        this.kafka = kafka;
        this.meters = meters;
    }

    /** Asks the gateway to publish its snapshot; blocks until Kafka has the request. */
    public void request(String gatewayId) {
        Delivery request = Delivery.newBuilder().setSnapshotRequest(true)
                .setPublishedAtMillis(System.currentTimeMillis()).build();
        kafka.send(new ProducerRecord<>(Topics.deliver(gatewayId), gatewayId, request.toByteArray())).join();
        meters.counter("im.presence.snapshots.requested").increment();
    }

    /** Applies a gateway's snapshot and notifies; blocks until the notices are in Kafka. */
    public void apply(GatewaySnapshot snapshot) {
        String gatewayId = snapshot.getGatewayId();
        List<PresenceEntry> connections = snapshot.getConnectionsList().stream()
                .map(c -> entry(gatewayId, c)).toList();
        SnapshotResult result = store.snapshot(gatewayId, snapshot.getSeq(), snapshot.getAtMillis(), connections,
                System.currentTimeMillis()).toCompletableFuture().join();
        meters.counter("im.presence.snapshots", "outcome", result.outcome().name().toLowerCase(Locale.ROOT))
                .increment();
        switch (result.outcome()) {
            case APPLIED -> {
                // logins the gateway holds until their connection is in presence: the snapshot's are now
                CompletableFuture<?> confirmed = confirmations.snapshot(gatewayId, snapshot.getSeq());
                if (!result.added().isEmpty() || !result.removed().isEmpty()) {
                    notifier.notify(UserChanges.of(result.added(), result.removed(), reader), null).join();
                }
                log.info("gateway snapshot applied gatewayId={} connections={} added={} removed={}", gatewayId,
                        connections.size(), result.added().size(), result.removed().size());
                confirmed.join();
            }
            case EXPIRED -> {
                log.warn("gateway snapshot too old, asking again gatewayId={} atMillis={}", gatewayId,
                        snapshot.getAtMillis());
                request(gatewayId);
            }
            default -> log.info("gateway snapshot ignored gatewayId={} outcome={}", gatewayId, result.outcome());
        }
    }

    private static PresenceEntry entry(String gatewayId, ConnectionEvent connection) {
        return new PresenceEntry(connection.getUserId(), gatewayId, connection.getConnectionId(),
                connection.getClientType(), connection.getStatus(), connection.getAtMillis());
    }
}
