package dev.switchboard.presence.notice;

import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Target;
import dev.switchboard.store.PresenceEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;

/**
 * Tells a gateway that connections of its are in presence, so it can answer their logins: a user is reachable from the
 * moment their {@code IMLoginRes} arrives, because every message routed after that finds their connection. One
 * control {@link Delivery} ({@code online_applied}) to the connection's gateway, after its ONLINE was applied, or, for
 * connections that came into presence with a gateway snapshot (their ONLINE arrived before the gateway's lease), one
 * per snapshot naming its sequence.
 */
@Component
public final class OnlineConfirmations {

    private final DeliverySender sender;
    private final Counter confirmed;

    OnlineConfirmations(DeliverySender sender, MeterRegistry meters) {
        this.sender = sender;
        this.confirmed = meters.counter("im.presence.logins.confirmed");
    }

    /** The connection's ONLINE is applied (or it was already in presence); completes when Kafka has the record. */
    public CompletableFuture<?> connection(PresenceEntry connection) {
        confirmed.increment();
        return sender.send(connection.gatewayId(), connection.userId(), Delivery.newBuilder()
                .setOnlineApplied(true)
                .addTargets(Target.newBuilder().setUserId((int) connection.userId())
                        .setConnectionId(connection.connectionId()))
                .setPublishedAtMillis(System.currentTimeMillis())
                .build());
    }

    /** The gateway's snapshot {@code seq} is applied; completes when Kafka has the record. */
    public CompletableFuture<?> snapshot(String gatewayId, long seq) {
        return sender.send(gatewayId, gatewayId, Delivery.newBuilder()
                .setOnlineApplied(true)
                .setSnapshotSeq(seq)
                .setPublishedAtMillis(System.currentTimeMillis())
                .build());
    }
}
