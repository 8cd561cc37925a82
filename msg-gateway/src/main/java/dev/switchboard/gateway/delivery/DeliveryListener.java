package dev.switchboard.gateway.delivery;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Frame;
import dev.switchboard.proto.envelope.Target;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes this gateway's delivery topic and writes each PDU to exactly the connections it names. A target whose
 * connection has closed, or now belongs to someone else, is a stale route: dropped and counted (the message is
 * already in history and unread, so the client gets it on its next pull). An unparsable record goes to the
 * dead-letter topic through the container's error handler. The container commits the offset after this method
 * returns, i.e. once the PDUs are handed to Netty.
 */
@Component
final class DeliveryListener {

    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;

    DeliveryListener(SessionRegistry sessions, GatewayMetrics metrics) {
        this.sessions = sessions;
        this.metrics = metrics;
    }

    @KafkaListener(topics = "#{T(dev.switchboard.proto.Topics).deliver('${switchboard.gateway.id:gw-0}')}",
            groupId = "gateway-${switchboard.gateway.id:gw-0}")
    void onDelivery(byte[] value) throws InvalidProtocolBufferException {
        Delivery delivery = Delivery.parseFrom(value);
        Pdu pdu = toPdu(delivery.getFrame());
        long now = System.currentTimeMillis();
        for (Target target : delivery.getTargetsList()) {
            Session session = sessions.find(target.getConnectionId(), target.getUserId());
            if (session == null) {
                metrics.delivered("stale");
                continue;
            }
            session.deliver(pdu, target.getPeerId(), delivery.getMsgId(), now);
            metrics.delivered("ok");
        }
    }

    private static Pdu toPdu(Frame frame) {
        return Pdu.of(frame.getServiceId(), frame.getCommandId(), frame.getSeq(), frame.getBody().toByteArray());
    }
}
