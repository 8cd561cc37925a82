package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.GroupMessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A group message: if the sender is still a member, stored once in the group's history (bumping every other
 * member's unread count), then delivered with seq 0 to every connection of every member except the sending
 * connection (the sender's other devices included), one record per gateway that holds any of them. A message from
 * a sender who left meanwhile is dropped and counted. Shielded members receive it too: a shield only stops push.
 */
@Component
final class GroupMessageRouter {

    private final GroupMessageStore messages;
    private final Recipients recipients;
    private final DeliveryPublisher deliveries;
    private final MeterRegistry meters;

    GroupMessageRouter(GroupMessageStore messages, Recipients recipients, DeliveryPublisher deliveries,
                       MeterRegistry meters) {
        this.messages = messages;
        this.recipients = recipients;
        this.deliveries = deliveries;
        this.meters = meters;
    }

    void route(RouteEnvelope envelope) throws InvalidProtocolBufferException {
        long groupId = Integer.toUnsignedLong(envelope.getToId());
        IMMsgData message = IMMsgData.parseFrom(envelope.getFrame().getBody());
        GroupMessageStore.Outcome outcome = messages.store(groupId, envelope.getFromUserId(), envelope.getMsgId(),
                Recipients.msgInfo(message).toByteArray(), envelope.getCreateTime()).toCompletableFuture().join();
        meters.counter("im.route.group.messages", "result", outcome.result().name().toLowerCase()).increment();
        if (outcome.result() == GroupMessageStore.Result.NOT_MEMBER) {
            return;
        }
        List<RecipientConnection> targets = recipients.connections(envelope, outcome.members(), member -> groupId,
                connection -> true);
        deliveries.publish(envelope, targets);
    }
}
