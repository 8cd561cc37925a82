package dev.switchboard.gateway.presence;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.KickReasonType;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.login.PendingLogins;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.ConnectionEvent;
import dev.switchboard.proto.envelope.GatewayLease;
import dev.switchboard.proto.envelope.GatewaySnapshot;
import dev.switchboard.proto.envelope.KickRequest;
import dev.switchboard.proto.envelope.PresenceEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes this gateway's presence events to {@code im.presence}: a connection's login and close and its kick
 * requests (keyed by user id, so one user's events stay in order), the gateway's lease renewals and its snapshots
 * (keyed by gateway id).
 *
 * <p>Connection events and snapshots carry the gateway's presence sequence, {@code max(previous + 1, millis * 1000)}:
 * it increases with every stamp and, being wall-clock based, across restarts of the gateway too. A snapshot takes its
 * sequence before it reads the sessions, so every ONLINE stamped before it belongs to a session the snapshot sees
 * (or that closed, whose OFFLINE is stamped after its removal from the registry). presence-service uses the sequence
 * to apply snapshots and connection events, which travel on different partitions, as if in order.
 */
@Component
public final class PresencePublisher {

    private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final PendingLogins logins;
    private final String gatewayId;
    private final AtomicLong sequence = new AtomicLong();

    PresencePublisher(KafkaTemplate<String, byte[]> kafka, SessionRegistry sessions, GatewayMetrics metrics,
                      PendingLogins logins, GatewayProperties properties) {
        this.kafka = kafka;
        this.sessions = sessions;
        this.metrics = metrics;
        this.logins = logins;
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

    /**
     * Publishes every logged-in, open connection of this gateway as one {@link GatewaySnapshot}; {@code trigger}
     * ({@code startup}, {@code request}) only tags the metric. A login still waiting for presence's confirmation
     * is confirmed when presence has applied a snapshot that carried it ({@link PendingLogins#snapshotApplied}).
     */
    public CompletableFuture<?> snapshot(String trigger) {
        GatewaySnapshot.Builder snapshot = GatewaySnapshot.newBuilder()
                .setGatewayId(gatewayId)
                .setRunId(sessions.runId())
                .setSeq(nextSequence())
                .setAtMillis(System.currentTimeMillis());
        for (Session session : sessions.all()) {
            if (session.loggedIn() && session.open()) {
                snapshot.addConnections(connection(session, ConnectionEvent.Kind.ONLINE, 0));
                logins.includedInSnapshot(session.connectionId(), snapshot.getSeq());
            }
        }
        PresenceEvent event = PresenceEvent.newBuilder().setSnapshot(snapshot).build();
        metrics.snapshotPublished(trigger);
        log.info("presence snapshot published gatewayId={} trigger={} connections={}", gatewayId, trigger,
                snapshot.getConnectionsCount());
        return kafka.send(new ProducerRecord<>(Topics.PRESENCE, gatewayId, event.toByteArray()))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("presence snapshot not published gatewayId={} error={}", gatewayId, error.toString());
                    }
                });
    }

    CompletableFuture<?> lease(GatewayLease lease) {
        PresenceEvent event = PresenceEvent.newBuilder().setLease(lease.toBuilder().setRunId(sessions.runId()))
                .build();
        return kafka.send(new ProducerRecord<>(Topics.PRESENCE, gatewayId, event.toByteArray()))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("lease renewal not published gatewayId={} error={}", gatewayId, error.toString());
                    }
                });
    }

    private void publishConnection(Session session, ConnectionEvent.Kind kind) {
        ConnectionEvent connection = connection(session, kind, nextSequence());
        byte[] value = PresenceEvent.newBuilder().setConnection(connection).build().toByteArray();
        kafka.send(new ProducerRecord<>(Topics.PRESENCE, String.valueOf(session.userId()), value))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("presence event not published userId={} connectionId={} kind={} error={}",
                                session.userId(), session.connectionId(), kind, error.toString());
                    }
                });
    }

    private ConnectionEvent connection(Session session, ConnectionEvent.Kind kind, long seq) {
        return ConnectionEvent.newBuilder()
                .setKind(kind)
                .setUserId((int) session.userId())
                .setGatewayId(gatewayId)
                .setConnectionId(session.connectionId())
                .setClientType(session.clientType())
                .setStatus(session.status())
                .setAtMillis(kind == ConnectionEvent.Kind.ONLINE ? session.loginMillis() : System.currentTimeMillis())
                .setSeq(seq)
                .build();
    }

    private long nextSequence() {
        long floor = System.currentTimeMillis() * 1000;
        return sequence.updateAndGet(previous -> Math.max(previous + 1, floor));
    }
}
