package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.MessageStore;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * A 1:1 message: stored once in the conversation's history (bumping the recipient's unread count), then delivered
 * with seq 0 to every connection of the recipient and every other connection of the sender, one record per gateway
 * that holds any of them.
 */
@Component
final class SingleMessageRouter {

    private final MessageStore messages;
    private final PresenceReader presence;
    private final DeliveryPublisher deliveries;
    private final MeterRegistry meters;

    SingleMessageRouter(MessageStore messages, PresenceReader presence, DeliveryPublisher deliveries,
                        MeterRegistry meters) {
        this.messages = messages;
        this.presence = presence;
        this.deliveries = deliveries;
        this.meters = meters;
    }

    void route(RouteEnvelope envelope) throws InvalidProtocolBufferException {
        long from = envelope.getFromUserId();
        long to = envelope.getToId();
        IMMsgData message = IMMsgData.parseFrom(envelope.getFrame().getBody());
        boolean stored = messages.storeSingle(from, to, envelope.getMsgId(), msgInfo(message).toByteArray(),
                envelope.getCreateTime()).toCompletableFuture().join();
        meters.counter("im.route.messages", "result", stored ? "stored" : "duplicate").increment();

        List<RecipientConnection> targets = new ArrayList<>();
        for (PresenceEntry entry : presence.connections(to).toCompletableFuture().join()) {
            targets.add(new RecipientConnection(entry, from));
        }
        for (PresenceEntry entry : presence.connections(from).toCompletableFuture().join()) {
            boolean origin = entry.gatewayId().equals(envelope.getOriginGatewayId())
                    && entry.connectionId() == envelope.getOriginConnectionId();
            if (!origin) {
                targets.add(new RecipientConnection(entry, to));
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
