package dev.switchboard.gateway.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMMessage.IMGetLatestMsgIdReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetLatestMsgIdRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.MessageStore;
import org.springframework.stereotype.Component;

/**
 * {@code IMGetLatestMsgIdReq} (0x030b) → {@code IMGetLatestMsgIdRsp} (0x030c): the id of the conversation's newest
 * stored message, 0 when there is none (or the user is not a member of the group).
 */
@Component
final class LatestMsgIdCommand implements Command {

    private final MessageStore messages;
    private final GatewayMetrics metrics;

    LatestMsgIdCommand(MessageStore messages, GatewayMetrics metrics) {
        this.messages = messages;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return MessageCmdID.CID_MSG_GET_LATEST_MSG_ID_REQ_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMGetLatestMsgIdReq request;
        try {
            request = IMGetLatestMsgIdReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        long userId = session.userId();
        Reply reply = new Reply(session, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_GET_LATEST_MSG_ID_RSP_VALUE,
                pdu.seq());
        reply.when(messages.latestMessage(userId, request.getSessionType().getNumber(), request.getSessionId()),
                latest -> response(userId, request, latest.map(stored -> StoredMessages.parse(stored).getMsgId())
                        .orElse(0)),
                () -> response(userId, request, 0), metrics);
    }

    private static IMGetLatestMsgIdRsp response(long userId, IMGetLatestMsgIdReq request, int latestMsgId) {
        return IMGetLatestMsgIdRsp.newBuilder()
                .setUserId((int) userId)
                .setSessionType(request.getSessionType())
                .setSessionId(request.getSessionId())
                .setLatestMsgId(latestMsgId)
                .build();
    }
}
