package dev.switchboard.gateway.message;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.springframework.stereotype.Component;

/**
 * {@code IMMsgData} (0x0301) from a client. Dropped and counted, as TeamTalk drops them silently: an unparsable body,
 * an empty message, one larger than {@code max-message-bytes}, a 1:1 message to oneself, more than
 * {@code messages-per-second}. Otherwise handed to the
 * {@link MessagePublisher}, which acknowledges it once it is durable (a group message only if the sender is a
 * member).
 */
@Component
final class MessageCommand implements Command {

    private final MessagePublisher publisher;
    private final GatewayMetrics metrics;
    private final int messagesPerSecond;
    private final long maxMessageBytes;

    MessageCommand(MessagePublisher publisher, GatewayMetrics metrics, GatewayProperties properties) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.messagesPerSecond = properties.messagesPerSecond();
        this.maxMessageBytes = properties.maxMessageBytes().toBytes();
    }

    @Override
    public int commandId() {
        return MessageCmdID.CID_MSG_DATA_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMMsgData message;
        try {
            message = IMMsgData.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.messageDropped("malformed");
            return;
        }
        String drop = dropReason(session, message);
        if (drop != null) {
            metrics.messageDropped(drop);
            return;
        }
        if (group(message.getMsgType())) {
            publisher.publishGroup(session, pdu.seq(), message);
        } else {
            publisher.publishSingle(session, pdu.seq(), message);
        }
    }

    private String dropReason(Session session, IMMsgData message) {
        if (message.getMsgData().isEmpty()) {
            return "empty";
        }
        if (message.getMsgData().size() > maxMessageBytes) {
            return "too_large";
        }
        if (!session.tryAcquireMessage(System.currentTimeMillis(), messagesPerSecond)) {
            return "rate_limited";
        }
        if (message.getToSessionId() == 0) {
            return "no_recipient";
        }
        if (!group(message.getMsgType()) && message.getToSessionId() == session.userId()) {
            return "self";
        }
        return null;
    }

    private static boolean group(MsgType type) {
        return type == MsgType.MSG_TYPE_GROUP_TEXT || type == MsgType.MSG_TYPE_GROUP_AUDIO;
    }
}
