package dev.switchboard.gateway.delivery;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.login.PendingLogins;
import dev.switchboard.gateway.presence.PresencePublisher;
import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Frame;
import dev.switchboard.proto.envelope.Target;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes this gateway's delivery topic and writes each PDU to exactly the connections it names (or, for a
 * broadcast notice, to every logged-in connection in its audience). A target whose connection has closed, or now
 * belongs to someone else, is a stale route: dropped and counted (a message is already in history and unread, so
 * the client gets it on its next pull). A kick ({@code close_after}) closes the connection once the notice is
 * flushed. A {@code snapshot_request} control record is answered by publishing the gateway's presence snapshot; an
 * {@code online_applied} one releases the logins presence now holds ({@link PendingLogins}). A message delivery whose
 * connection is gone is counted as skipped ({@code im.gateway.deliveries.skipped}). An
 * unparsable record goes to the dead-letter topic through the container's error handler. The container commits the
 * offset after this method returns, i.e. once the PDUs are handed to Netty. {@link DeliveryBacklog} pauses this
 * listener while the connections' queued bytes are too many.
 */
@Component
final class DeliveryListener {

    /** The listener container's id, by which {@link DeliveryBacklog} pauses it. */
    static final String ID = "gateway-delivery";
    private static final Runnable NOTHING = () -> { };

    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final PresencePublisher presence;
    private final PendingLogins logins;

    DeliveryListener(SessionRegistry sessions, GatewayMetrics metrics, PresencePublisher presence,
                     PendingLogins logins) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.presence = presence;
        this.logins = logins;
    }

    @KafkaListener(id = ID, topics = "#{T(dev.switchboard.proto.Topics).deliver('${switchboard.gateway.id:gw-0}')}",
            groupId = "gateway-${switchboard.gateway.id:gw-0}")
    void onDelivery(byte[] value) throws InvalidProtocolBufferException {
        Delivery delivery = Delivery.parseFrom(value);
        if (delivery.getSnapshotRequest()) {
            presence.snapshot("request");
            return;
        }
        if (delivery.getOnlineApplied()) {
            if (delivery.getSnapshotSeq() != 0) {
                logins.snapshotApplied(delivery.getSnapshotSeq());
            }
            delivery.getTargetsList().forEach(target -> logins.confirmed(target.getConnectionId()));
            return;
        }
        Pdu pdu = toPdu(delivery.getFrame());
        long now = System.currentTimeMillis();
        if (delivery.getAllConnections()) {
            for (Session session : sessions.loggedIn(delivery.getAudience())) {
                if (session.open() && session.connectionId() != delivery.getExceptConnectionId()) {
                    session.send(pdu);
                    metrics.delivered("broadcast");
                }
            }
            return;
        }
        Runnable written = writtenCallback(delivery);
        for (Target target : delivery.getTargetsList()) {
            Session session = sessions.find(target.getConnectionId(), target.getUserId());
            if (session == null) {
                metrics.delivered("stale");
                if (delivery.getMsgId() != 0) {
                    metrics.deliverySkipped("connection_closed");
                }
                continue;
            }
            if (delivery.getCloseAfter()) {
                session.send(pdu);
                session.close(CloseReason.KICKED);
                metrics.delivered("kick");
                continue;
            }
            session.deliver(pdu, Session.conversation(delivery.getSessionType(), target.getPeerId()),
                    delivery.getMsgId(), now, written);
            metrics.delivered("ok");
        }
    }

    /**
     * What runs when a target's frame is written: for a message (it has a msg_id and its publish time), recording
     * the end-to-end delivery latency ({@code im.gateway.delivery.latency}); one callback for all targets.
     */
    private Runnable writtenCallback(Delivery delivery) {
        if (delivery.getMsgId() == 0 || delivery.getPublishedAtMillis() == 0) {
            return NOTHING;
        }
        int sessionType = delivery.getSessionType();
        long publishedAtMillis = delivery.getPublishedAtMillis();
        return () -> metrics.deliveryWritten(sessionType, publishedAtMillis);
    }

    private static Pdu toPdu(Frame frame) {
        return Pdu.of(frame.getServiceId(), frame.getCommandId(), frame.getSeq(), frame.getBody().toByteArray());
    }
}
