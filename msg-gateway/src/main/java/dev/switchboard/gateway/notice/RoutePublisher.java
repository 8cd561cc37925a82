package dev.switchboard.gateway.notice;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Audience;
import dev.switchboard.proto.envelope.Frame;
import dev.switchboard.proto.envelope.RouteEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes what a client's command makes travel to other connections: notices (read notify, remove-session notify,
 * P2P commands, group-change notices, sign-info changes) go to {@code im.route} as a {@link RouteEnvelope} naming
 * the users who receive them; route-service resolves their gateways and delivers one record per gateway. Completes
 * when Kafka has the record ({@code acks=all}), so a command may answer its client only then.
 */
@Component
public final class RoutePublisher {

    private static final Logger log = LoggerFactory.getLogger(RoutePublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String gatewayId;

    RoutePublisher(KafkaTemplate<String, byte[]> kafka, GatewayProperties properties) {
        this.kafka = kafka;
        this.gatewayId = properties.id();
    }

    /**
     * The frame (sent with seq 0) reaches every connection of {@code userIds} in the audience, each once, except
     * the origin connection. Keyed by the origin user, so one user's notices stay in order.
     */
    public CompletableFuture<Void> notice(Session origin, Pdu frame, Collection<Long> userIds, Audience audience) {
        RouteEnvelope.Builder envelope = envelope(origin, frame).setAudience(audience);
        userIds.forEach(id -> envelope.addNotifyUserIds(id.intValue()));
        return publish(envelope, String.valueOf(origin.userId()));
    }

    /** The frame reaches every logged-in connection on every gateway (TeamTalk's broadcasts), except the origin. */
    public CompletableFuture<Void> everyone(Session origin, Pdu frame, Audience audience) {
        return publish(envelope(origin, frame).setEveryone(true).setAudience(audience),
                String.valueOf(origin.userId()));
    }

    /**
     * Publishes a prepared envelope (origin, sender and publish time are filled in here) with the given key.
     */
    public CompletableFuture<Void> publish(RouteEnvelope.Builder envelope, String key) {
        RouteEnvelope built = envelope.setPublishedAtMillis(System.currentTimeMillis()).build();
        return kafka.send(new ProducerRecord<>(Topics.ROUTE, key, built.toByteArray()))
                .<Void>thenApply(sent -> null)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        log.warn("route envelope not published commandId=0x{} fromUserId={} error={}",
                                Integer.toHexString(built.getFrame().getCommandId()), built.getFromUserId(),
                                error.toString());
                    }
                });
    }

    /** An envelope from this session's connection carrying the frame. */
    public RouteEnvelope.Builder envelope(Session origin, Pdu frame) {
        return RouteEnvelope.newBuilder()
                .setFrame(Frame.newBuilder()
                        .setServiceId(frame.serviceId())
                        .setCommandId(frame.commandId())
                        .setSeq(0)
                        .setBody(com.google.protobuf.ByteString.copyFrom(frame.body())))
                .setFromUserId((int) origin.userId())
                .setOriginGatewayId(gatewayId)
                .setOriginConnectionId(origin.connectionId());
    }
}
