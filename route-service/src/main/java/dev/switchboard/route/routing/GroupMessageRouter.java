package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.route.StoredMessages;
import dev.switchboard.store.GroupMessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A group message: if the sender is still a member, stored once in the group's history (bumping every other
 * member's unread count), then delivered with seq 0 to every connection of every member except the sending
 * connection (the sender's other devices included), one record per gateway that holds any of them. A message from
 * a sender who left meanwhile is dropped and counted. Shielded members receive it too: a shield only stops push.
 * <p>
 * {@link #route} returns once the message is stored and its records are handed to the producer; the caller waits
 * for Kafka's acknowledgement (the returned future) before committing, so the next message's store and presence
 * read overlap this one's produce round trip. The members' connections come from the store's own script, in one
 * Redis round trip with the store.
 */
@Component
final class GroupMessageRouter {

    private final GroupMessageStore messages;
    private final DeliveryPublisher deliveries;
    private final MeterRegistry meters;

    GroupMessageRouter(GroupMessageStore messages, DeliveryPublisher deliveries, MeterRegistry meters) {
        this.messages = messages;
        this.deliveries = deliveries;
        this.meters = meters;
    }

    CompletableFuture<Void> route(RouteEnvelope envelope) throws InvalidProtocolBufferException {
        long groupId = Integer.toUnsignedLong(envelope.getToId());
        IMMsgData message = IMMsgData.parseFrom(envelope.getFrame().getBody());
        GroupMessageStore.Outcome outcome = messages.store(groupId, envelope.getFromUserId(), envelope.getMsgId(),
                StoredMessages.msgInfo(message).toByteArray(), envelope.getCreateTime()).toCompletableFuture().join();
        meters.counter("im.route.group.messages", "result", outcome.result().name().toLowerCase()).increment();
        if (outcome.result() == GroupMessageStore.Result.NOT_MEMBER) {
            return CompletableFuture.completedFuture(null);
        }
        return deliveries.send(envelope, Recipients.group(envelope, groupId, outcome.connections()));
    }
}
