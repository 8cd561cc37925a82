package dev.switchboard.gateway.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.MessageStore;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code IMGetMsgListReq} (0x0309) → {@code IMGetMsgListRsp} (0x030a): a page of a conversation's history, newest
 * first, with ids &lt;= {@code msg_id_begin} (0: the newest), at most {@code msg_cnt} and never more than
 * {@code max-messages-per-request}. The response echoes the session and {@code msg_id_begin}, as TeamTalk's does. A
 * group's history is readable by its members only; others get an empty list.
 */
@Component
final class MessageListCommand implements Command {

    private final MessageStore messages;
    private final GatewayMetrics metrics;
    private final int maxMessages;

    MessageListCommand(MessageStore messages, GatewayMetrics metrics, GatewayProperties properties) {
        this.messages = messages;
        this.metrics = metrics;
        this.maxMessages = properties.maxMessagesPerRequest();
    }

    @Override
    public int commandId() {
        return MessageCmdID.CID_MSG_LIST_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMGetMsgListReq request;
        try {
            request = IMGetMsgListReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        long userId = session.userId();
        int count = (int) Math.min(Integer.toUnsignedLong(request.getMsgCnt()), maxMessages);
        Reply reply = new Reply(session, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE, pdu.seq());
        reply.when(messages.messages(userId, request.getSessionType().getNumber(), request.getSessionId(),
                        Integer.toUnsignedLong(request.getMsgIdBegin()), count),
                found -> response(userId, request, StoredMessages.parseAll(found)),
                () -> response(userId, request, List.of()), metrics);
    }

    private static IMGetMsgListRsp response(long userId, IMGetMsgListReq request, List<MsgInfo> found) {
        return IMGetMsgListRsp.newBuilder()
                .setUserId((int) userId)
                .setSessionType(request.getSessionType())
                .setSessionId(request.getSessionId())
                .setMsgIdBegin(request.getMsgIdBegin())
                .addAllMsgList(found)
                .build();
    }
}
