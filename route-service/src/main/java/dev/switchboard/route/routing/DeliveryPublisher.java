package dev.switchboard.route.routing;

import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.proto.envelope.Target;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Groups target connections by gateway and produces ONE delivery record per live gateway that holds any of them,
 * to that gateway's topic only: never a broadcast. Connections on gateways whose lease has expired are skipped (their
 * users will reconnect and pull). Blocks until Kafka acknowledges every record.
 */
@Component
final class DeliveryPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final LiveGateways liveGateways;
    private final MeterRegistry meters;

    DeliveryPublisher(KafkaTemplate<String, byte[]> kafka, LiveGateways liveGateways, MeterRegistry meters) {
        this.kafka = kafka;
        this.liveGateways = liveGateways;
        this.meters = meters;
    }

    void publish(RouteEnvelope envelope, List<RecipientConnection> recipients) {
        Set<String> live = liveGateways.ids();
        Map<String, Delivery.Builder> byGateway = new LinkedHashMap<>();
        for (RecipientConnection recipient : recipients) {
            String gatewayId = recipient.connection().gatewayId();
            if (!live.contains(gatewayId)) {
                meters.counter("im.route.targets", "result", "gateway_down").increment();
                continue;
            }
            byGateway.computeIfAbsent(gatewayId, id -> newDelivery(envelope)).addTargets(Target.newBuilder()
                    .setUserId((int) recipient.connection().userId())
                    .setConnectionId(recipient.connection().connectionId())
                    .setPeerId((int) recipient.peerId()));
        }
        String key = String.valueOf(envelope.getToId());
        CompletableFuture<?>[] sends = byGateway.entrySet().stream()
                .map(entry -> kafka.send(new ProducerRecord<>(Topics.deliver(entry.getKey()), key,
                        entry.getValue().build().toByteArray())))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).join();
        meters.counter("im.route.deliveries").increment(sends.length);
    }

    /**
     * One record per live gateway, for all of its logged-in connections in the envelope's audience; the origin
     * gateway's record names the origin connection, which does not receive it.
     */
    void broadcast(RouteEnvelope envelope) {
        String key = String.valueOf(envelope.getFromUserId());
        CompletableFuture<?>[] sends = liveGateways.ids().stream()
                .map(gatewayId -> kafka.send(new ProducerRecord<>(Topics.deliver(gatewayId), key,
                        newDelivery(envelope).setAllConnections(true).setAudience(envelope.getAudience())
                                .setExceptConnectionId(gatewayId.equals(envelope.getOriginGatewayId())
                                        ? envelope.getOriginConnectionId() : 0)
                                .build().toByteArray())))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).join();
        meters.counter("im.route.deliveries").increment(sends.length);
    }

    private static Delivery.Builder newDelivery(RouteEnvelope envelope) {
        return Delivery.newBuilder()
                .setFrame(envelope.getFrame().toBuilder().setSeq(0))
                .setMsgId(envelope.getMsgId())
                .setSessionType(envelope.getSessionType())
                .setPublishedAtMillis(envelope.getPublishedAtMillis());
    }
}
