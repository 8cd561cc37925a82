package dev.switchboard.route.conversation;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionNotify;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.route.routing.NoticeEffect;
import dev.switchboard.store.MessageStore;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;

/**
 * {@code IMRemoveSessionNotify} (0x020f), published by the gateway when a client removes a conversation from its
 * recent sessions: removes it for the user (a tombstone lets the user's other devices learn of it on their next
 * incremental session request) and clears its unread counter, before the notice reaches those devices. The removal
 * time is the gateway's publish time, so a replayed record removes nothing newer.
 */
@Component
final class RemoveSessionEffect implements NoticeEffect {

    private final MessageStore messages;

    RemoveSessionEffect(MessageStore messages) {
        this.messages = messages;
    }

    @Override
    public int commandId() {
        return BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_NOTIFY_VALUE;
    }

    @Override
    public void apply(RouteEnvelope envelope) {
        IMRemoveSessionNotify notify = parse(envelope);
        messages.removeSession(envelope.getFromUserId(), notify.getSessionType().getNumber(), notify.getSessionId(),
                envelope.getPublishedAtMillis() / 1000).toCompletableFuture().join();
    }

    private static IMRemoveSessionNotify parse(RouteEnvelope envelope) {
        try {
            return IMRemoveSessionNotify.parseFrom(envelope.getFrame().getBody());
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(e);
        }
    }
}
