package dev.switchboard.presence.notice;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Frame;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;

/**
 * Produces presence-service's deliveries (kicks, status notices, login confirmations) to one gateway's topic, keyed by
 * the user (a gateway-wide control record by the gateway id).
 */
@Component
final class DeliverySender {

    private final KafkaTemplate<String, byte[]> kafka;

    DeliverySender(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    CompletableFuture<?> send(String gatewayId, long userId, Delivery delivery) {
        return send(gatewayId, String.valueOf(userId), delivery);
    }

    CompletableFuture<?> send(String gatewayId, String key, Delivery delivery) {
        return kafka.send(new ProducerRecord<>(Topics.deliver(gatewayId), key, delivery.toByteArray()));
    }

    /** A notification frame (seq 0) carrying {@code message}. */
    static Frame frame(int serviceId, int commandId, MessageLite message) {
        return Frame.newBuilder()
                .setServiceId(serviceId)
                .setCommandId(commandId)
                .setSeq(0)
                .setBody(ByteString.copyFrom(message.toByteArray()))
                .build();
    }
}
