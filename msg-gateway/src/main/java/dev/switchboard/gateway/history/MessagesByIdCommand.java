package dev.switchboard.gateway.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgByIdReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgByIdRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.MessageStore;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code IMGetMsgByIdReq} (0x030d) → {@code IMGetMsgByIdRsp} (0x030e): the stored messages of a conversation with
 * the ids asked, in the order asked; ids never stored are left out, and only the first
 * {@code max-messages-per-request} ids are looked up (the rest counted as truncated). A group's messages are readable
 * by its members only.
 */
@Component
final class MessagesByIdCommand implements Command {

    private final MessageStore messages;
    private final GatewayMetrics metrics;
    private final int maxMessages;

    MessagesByIdCommand(MessageStore messages, GatewayMetrics metrics, GatewayProperties properties) {
        this.messages = messages;
        this.metrics = metrics;
        this.maxMessages = properties.maxMessagesPerRequest();
    }

    @Override
    public int commandId() {
        return MessageCmdID.CID_MSG_GET_BY_MSG_ID_REQ_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMGetMsgByIdReq request;
        try {
            request = IMGetMsgByIdReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        long userId = session.userId();
        if (request.getMsgIdListCount() > maxMessages) {
            metrics.requestLimited(commandId(), "truncated");
        }
        List<Long> ids = request.getMsgIdListList().stream().limit(maxMessages).map(Integer::toUnsignedLong).toList();
        Reply reply = new Reply(session, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_GET_BY_MSG_ID_RES_VALUE,
                pdu.seq());
        reply.when(messages.messagesById(userId, request.getSessionType().getNumber(), request.getSessionId(), ids),
                found -> response(userId, request, StoredMessages.parseAll(found)),
                () -> response(userId, request, List.of()), metrics);
    }

    private static IMGetMsgByIdRsp response(long userId, IMGetMsgByIdReq request, List<MsgInfo> found) {
        return IMGetMsgByIdRsp.newBuilder()
                .setUserId((int) userId)
                .setSessionType(request.getSessionType())
                .setSessionId(request.getSessionId())
                .addAllMsgList(found)
                .build();
    }
}
