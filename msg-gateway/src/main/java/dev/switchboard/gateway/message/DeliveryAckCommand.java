package dev.switchboard.gateway.message;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.springframework.stereotype.Component;

/**
 * {@code IMMsgDataAck} (0x0302) from a client that received a message: clears it from the connection's pending list
 * ({@code session_id} names the peer, as in TeamTalk). No answer.
 */
@Component
final class DeliveryAckCommand implements Command {

    private final GatewayMetrics metrics;

    DeliveryAckCommand(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return MessageCmdID.CID_MSG_DATA_ACK_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        try {
            IMMsgDataAck ack = IMMsgDataAck.parseFrom(pdu.body());
            boolean pending = session.acknowledged(
                    Session.conversation(ack.getSessionType().getNumber(), ack.getSessionId()), ack.getMsgId());
            metrics.deliveryAcks(pending ? "acknowledged" : "unknown", 1);
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
        }
    }
}
