package dev.switchboard.route.conversation;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadNotify;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.route.routing.NoticeEffect;
import dev.switchboard.store.MessageStore;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;

/**
 * {@code IMMsgDataReadNotify} (0x0304), published by the gateway when a client acknowledges reading a conversation:
 * clears the reader's unread counter of that conversation (TeamTalk's {@code clearUnreadMsgCounter}), before the
 * notice reaches the reader's other devices. The reader is the authenticated sender of the envelope.
 */
@Component
final class ReadNotifyEffect implements NoticeEffect {

    private final MessageStore messages;

    ReadNotifyEffect(MessageStore messages) {
        this.messages = messages;
    }

    @Override
    public int commandId() {
        return MessageCmdID.CID_MSG_READ_NOTIFY_VALUE;
    }

    @Override
    public void apply(RouteEnvelope envelope) {
        IMMsgDataReadNotify notify = parse(envelope);
        messages.clearUnread(envelope.getFromUserId(), notify.getSessionType().getNumber(), notify.getSessionId())
                .toCompletableFuture().join();
    }

    private static IMMsgDataReadNotify parse(RouteEnvelope envelope) {
        try {
            return IMMsgDataReadNotify.parseFrom(envelope.getFrame().getBody());
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(e);
        }
    }
}
