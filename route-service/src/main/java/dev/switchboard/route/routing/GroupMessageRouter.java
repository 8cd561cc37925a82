package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.GroupMessageStore;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A group message: if the sender is still a member, stored once in the group's history (bumping every other
 * member's unread count), then delivered with seq 0 to every connection of every member except the sending
 * connection (the sender's other devices included), one record per gateway that holds any of them. A message from
 * a sender who left meanwhile is dropped and counted. Shielded members receive it too: a shield only stops push.
 */
@Component
final class GroupMessageRouter {

    private final GroupMessageStore messages;
    private final PresenceReader presence;
    private final DeliveryPublisher deliveries;
    private final MeterRegistry meters;

    GroupMessageRouter(GroupMessageStore messages, PresenceReader presence, DeliveryPublisher deliveries,
                       MeterRegistry meters) {
        this.messages = messages;
        this.presence = presence;
        this.deliveries = deliveries;
        this.meters = meters;
    }

    void route(RouteEnvelope envelope) throws InvalidProtocolBufferException {
        long groupId = Integer.toUnsignedLong(envelope.getToId());
        IMMsgData message = IMMsgData.parseFrom(envelope.getFrame().getBody());
        GroupMessageStore.Outcome outcome = messages.store(groupId, envelope.getFromUserId(), envelope.getMsgId(),
                msgInfo(message).toByteArray(), envelope.getCreateTime()).toCompletableFuture().join();
        meters.counter("im.route.group.messages", "result", outcome.result().name().toLowerCase()).increment();
        if (outcome.result() == GroupMessageStore.Result.NOT_MEMBER) {
            return;
        }
        List<CompletableFuture<List<PresenceEntry>>> lookups = outcome.members().stream()
                .map(userId -> presence.connections(userId).toCompletableFuture())
                .toList();
        List<RecipientConnection> targets = new ArrayList<>();
        for (CompletableFuture<List<PresenceEntry>> lookup : lookups) {
            for (PresenceEntry entry : lookup.join()) {
                boolean origin = entry.gatewayId().equals(envelope.getOriginGatewayId())
                        && entry.connectionId() == envelope.getOriginConnectionId();
                if (!origin) {
                    targets.add(new RecipientConnection(entry, groupId));
                }
            }
        }
        deliveries.publish(envelope, targets);
    }

    private static MsgInfo msgInfo(IMMsgData message) {
        return MsgInfo.newBuilder()
                .setMsgId(message.getMsgId())
                .setFromSessionId(message.getFromUserId())
                .setCreateTime(message.getCreateTime())
                .setMsgType(message.getMsgType())
                .setMsgData(message.getMsgData())
                .build();
    }
}
