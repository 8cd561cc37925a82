package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A 1:1 message: stored once in the conversation's history (bumping the recipient's unread count), then delivered
 * with seq 0 to every connection of the recipient and every other connection of the sender, one record per gateway
 * that holds any of them.
 */
@Component
final class SingleMessageRouter {

    private final MessageStore messages;
    private final Recipients recipients;
    private final DeliveryPublisher deliveries;
    private final MeterRegistry meters;

    SingleMessageRouter(MessageStore messages, Recipients recipients, DeliveryPublisher deliveries,
                        MeterRegistry meters) {
        this.messages = messages;
        this.recipients = recipients;
        this.deliveries = deliveries;
        this.meters = meters;
    }

    void route(RouteEnvelope envelope) throws InvalidProtocolBufferException {
        long from = envelope.getFromUserId();
        long to = envelope.getToId();
        IMMsgData message = IMMsgData.parseFrom(envelope.getFrame().getBody());
        boolean stored = messages.storeSingle(from, to, envelope.getMsgId(), Recipients.msgInfo(message).toByteArray(),
                envelope.getCreateTime()).toCompletableFuture().join();
        meters.counter("im.route.messages", "result", stored ? "stored" : "duplicate").increment();

        // the recipient's connections see the sender as the peer, the sender's other connections the recipient
        List<RecipientConnection> targets = recipients.connections(envelope, List.of(to, from),
                user -> user == to ? from : to, connection -> true);
        deliveries.publish(envelope, targets);
    }
}
