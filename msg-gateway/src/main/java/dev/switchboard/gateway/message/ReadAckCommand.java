package dev.switchboard.gateway.message;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadAck;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadNotify;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.notice.RoutePublisher;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.Audience;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code IMMsgDataReadAck} (0x0303): the user read a conversation up to a message. Publishes
 * {@code IMMsgDataReadNotify} (0x0304, {@code user_id} = the reader whatever the client claims) to {@code im.route}
 * for the reader's other connections on every gateway; route-service clears the reader's unread counter of that
 * conversation before delivering it. For a single chat the message also leaves this connection's pending-ack list.
 * No answer, as in TeamTalk; no read receipt reaches the other party (TeamTalk sends none).
 */
@Component
final class ReadAckCommand implements Command {

    private final RoutePublisher routes;
    private final GatewayMetrics metrics;

    ReadAckCommand(RoutePublisher routes, GatewayMetrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return MessageCmdID.CID_MSG_READ_ACK_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMMsgDataReadAck ack;
        try {
            ack = IMMsgDataReadAck.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        session.acknowledged(Session.conversation(ack.getSessionType().getNumber(), ack.getSessionId()), ack.getMsgId());
        IMMsgDataReadNotify notify = IMMsgDataReadNotify.newBuilder()
                .setUserId((int) session.userId())
                .setSessionId(ack.getSessionId())
                .setMsgId(ack.getMsgId())
                .setSessionType(ack.getSessionType())
                .build();
        routes.notice(session, Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_READ_NOTIFY_VALUE, 0, notify),
                        List.of(session.userId()), Audience.AUDIENCE_ALL)
                .whenComplete((published, error) -> {
                    if (error != null) {
                        metrics.commandFailed("not_published");
                    }
                });
    }
}
