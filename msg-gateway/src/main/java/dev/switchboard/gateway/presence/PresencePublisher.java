package dev.switchboard.gateway.presence;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.KickReasonType;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.ConnectionEvent;
import dev.switchboard.proto.envelope.GatewayLease;
import dev.switchboard.proto.envelope.KickRequest;
import dev.switchboard.proto.envelope.PresenceEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes this gateway's presence events to {@code im.presence}: a connection's login and close and its kick
 * requests (keyed by user id, so one user's events stay in order) and the gateway's lease renewals (keyed by gateway
 * id).
 */
@Component
public final class PresencePublisher {

    private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String gatewayId;

    PresencePublisher(KafkaTemplate<String, byte[]> kafka, GatewayProperties properties) {
        this.kafka = kafka;
        this.gatewayId = properties.id();
    }

    public void online(Session session) {
        publishConnection(session, ConnectionEvent.Kind.ONLINE);
    }

    public void offline(Session session) {
        publishConnection(session, ConnectionEvent.Kind.OFFLINE);
    }

    /**
     * Asks presence-service to kick the user's PC-class connections on behalf of this (mobile) session
     * ({@code IMKickPCClientReq}); completes when Kafka has the request.
     */
    public CompletableFuture<?> kickPcClients(Session session) {
        KickRequest kick = KickRequest.newBuilder()
                .setUserId((int) session.userId())
                .setGatewayId(gatewayId)
                .setConnectionId(session.connectionId())
                .setClientType(ClientType.CLIENT_TYPE_MAC_VALUE)
                .setReason(KickReasonType.KICK_REASON_MOBILE_KICK_VALUE)
                .build();
        byte[] value = PresenceEvent.newBuilder().setKick(kick).build().toByteArray();
        return kafka.send(new ProducerRecord<>(Topics.PRESENCE, String.valueOf(session.userId()), value))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("kick request not published userId={} connectionId={} error={}",
                                session.userId(), session.connectionId(), error.toString());
                    }
                });
    }

    CompletableFuture<?> lease(GatewayLease lease) {
        PresenceEvent event = PresenceEvent.newBuilder().setLease(lease).build();
        return kafka.send(new ProducerRecord<>(Topics.PRESENCE, gatewayId, event.toByteArray()))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("lease renewal not published gatewayId={} error={}", gatewayId, error.toString());
                    }
                });
    }

    private void publishConnection(Session session, ConnectionEvent.Kind kind) {
        ConnectionEvent connection = ConnectionEvent.newBuilder()
                .setKind(kind)
                .setUserId((int) session.userId())
                .setGatewayId(gatewayId)
                .setConnectionId(session.connectionId())
                .setClientType(session.clientType())
                .setStatus(session.status())
                .setAtMillis(System.currentTimeMillis())
                .build();
        byte[] value = PresenceEvent.newBuilder().setConnection(connection).build().toByteArray();
        kafka.send(new ProducerRecord<>(Topics.PRESENCE, String.valueOf(session.userId()), value))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("presence event not published userId={} connectionId={} kind={} error={}",
                                session.userId(), session.connectionId(), kind, error.toString());
                    }
                });
    }
}
