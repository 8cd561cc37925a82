package dev.switchboard.route.routing;

import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.proto.envelope.Target;
import dev.switchboard.route.RouteProperties;
import dev.switchboard.store.PresenceReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Groups target connections by gateway and produces ONE delivery record per gateway that holds any of them, to that
 * gateway's topic only: never a broadcast (unless {@code switchboard.route.mode=broadcast}, which reproduces
 * TeamTalk's route_server for comparison: see {@link RouteProperties}). Every connection presence names is delivered
 * to, whatever its gateway's lease says: a lease that looks expired may be waiting in {@code im.presence} behind a
 * burst of presence events, and skipping on that guess loses live messages. A gateway that is really gone is
 * presence-service's to purge (which removes its connections, so nothing more is routed there); until then its
 * records wait in its topic, where a restarted gateway finds them addressed to connections of its previous run and
 * drops them (see {@code SessionRegistry}). Records for one envelope are handed to the producer in the order
 * envelopes are published, so a recipient's deliveries keep the order of its messages.
 */
@Component
final class DeliveryPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final PresenceReader presence;
    private final boolean broadcastMode;
    private final Counter deliveries;

    DeliveryPublisher(KafkaTemplate<String, byte[]> kafka, PresenceReader presence, RouteProperties properties,
                      MeterRegistry meters) {
        this.kafka = kafka;
        this.presence = presence;
        this.broadcastMode = properties.mode() == RouteProperties.Mode.BROADCAST;
        this.deliveries = meters.counter("im.route.deliveries");
    }

    /** Hands the envelope's records to the producer; completes when Kafka acknowledges all of them. */
    CompletableFuture<Void> send(RouteEnvelope envelope, List<RecipientConnection> recipients) {
        Map<String, Delivery.Builder> byGateway = new LinkedHashMap<>();
        for (RecipientConnection recipient : recipients) {
            String gatewayId = recipient.connection().gatewayId();
            byGateway.computeIfAbsent(gatewayId, id -> newDelivery(envelope)).addTargets(Target.newBuilder()
                    .setUserId((int) recipient.connection().userId())
                    .setConnectionId(recipient.connection().connectionId())
                    .setPeerId((int) recipient.peerId()));
        }
        if (broadcastMode) {
            for (String gatewayId : registeredGateways()) {
                if (!gatewayId.equals(envelope.getOriginGatewayId())) {
                    byGateway.computeIfAbsent(gatewayId, id -> newDelivery(envelope));
                }
            }
        }
        String key = String.valueOf(envelope.getToId());
        CompletableFuture<?>[] sends = new CompletableFuture<?>[byGateway.size()];
        int i = 0;
        for (Map.Entry<String, Delivery.Builder> entry : byGateway.entrySet()) {
            sends[i++] = kafka.send(new ProducerRecord<>(Topics.deliver(entry.getKey()), key,
                    entry.getValue().build().toByteArray()));
        }
        deliveries.increment(sends.length);
        return CompletableFuture.allOf(sends);
    }

    /**
     * One record per registered gateway, for all of its logged-in connections in the envelope's audience; the origin
     * gateway's record names the origin connection, which does not receive it.
     */
    CompletableFuture<Void> broadcast(RouteEnvelope envelope) {
        String key = String.valueOf(envelope.getFromUserId());
        CompletableFuture<?>[] sends = registeredGateways().stream()
                .map(gatewayId -> kafka.send(new ProducerRecord<>(Topics.deliver(gatewayId), key,
                        newDelivery(envelope).setAllConnections(true).setAudience(envelope.getAudience())
                                .setExceptConnectionId(gatewayId.equals(envelope.getOriginGatewayId())
                                        ? envelope.getOriginConnectionId() : 0)
                                .build().toByteArray())))
                .toArray(CompletableFuture[]::new);
        deliveries.increment(sends.length);
        return CompletableFuture.allOf(sends);
    }

    /** Every gateway presence holds (see {@link PresenceReader}); blocks for one Redis read. */
    private List<String> registeredGateways() {
        return presence.registeredGatewayIds().toCompletableFuture().join();
    }

    /** A delivery record of the envelope's frame (seq 0), before its targets are added. */
    static Delivery.Builder newDelivery(RouteEnvelope envelope) {
        return Delivery.newBuilder()
                .setFrame(envelope.getFrame().toBuilder().setSeq(0))
                .setMsgId(envelope.getMsgId())
                .setSessionType(envelope.getSessionType())
                .setPublishedAtMillis(envelope.getPublishedAtMillis());
    }
}
