package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.route.StoredMessages;
import dev.switchboard.store.MessageStore.SingleMessage;
import dev.switchboard.store.MessageStore.StoredSingle;
import dev.switchboard.store.MessageStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 1:1 messages: each stored once in the conversation's history (bumping the recipient's unread count), then
 * delivered with seq 0 to every connection of the recipient and every other connection of the sender, one record
 * per gateway that holds any of them.
 * <p>
 * A run of messages is routed together: one Redis script stores them all and reads both users' presence after each
 * store ({@link MessageStore#storeSingles}), then the delivery records are handed to the producer in the order of the
 * messages (so a recipient sees them in that order) and acknowledged together. The cost of a Redis or Kafka round
 * trip, and of writing a Redis command, is paid once per run, not once per message.
 */
@Component
final class SingleMessageRouter {

    private final MessageStore messages;
    private final DeliveryPublisher deliveries;
    private final Counter stored;
    private final Counter duplicates;

    SingleMessageRouter(MessageStore messages, DeliveryPublisher deliveries,
                        MeterRegistry meters) {
        this.messages = messages;
        this.deliveries = deliveries;
        this.stored = meters.counter("im.route.messages", "result", "stored");
        this.duplicates = meters.counter("im.route.messages", "result", "duplicate");
    }

    /** Routes one message and returns once it is stored and its delivery records are acknowledged by Kafka. */
    void route(RouteEnvelope envelope) throws InvalidProtocolBufferException {
        routeAll(List.of(envelope));
    }

    /** Routes messages together and returns once all are stored and all their delivery records acknowledged. */
    void routeAll(List<RouteEnvelope> envelopes) throws InvalidProtocolBufferException {
        List<SingleMessage> batch = new ArrayList<>(envelopes.size());
        for (RouteEnvelope envelope : envelopes) {
            IMMsgData message = IMMsgData.parseFrom(envelope.getFrame().getBody());
            batch.add(new SingleMessage(envelope.getFromUserId(), envelope.getToId(), envelope.getMsgId(),
                    StoredMessages.msgInfo(message).toByteArray(), envelope.getCreateTime()));
        }
        List<StoredSingle> results = messages.storeSingles(batch, true).toCompletableFuture().join();
        CompletableFuture<?>[] published = new CompletableFuture<?>[envelopes.size()];
        for (int i = 0; i < envelopes.size(); i++) {
            RouteEnvelope envelope = envelopes.get(i);
            StoredSingle result = results.get(i);
            (result.stored() ? stored : duplicates).increment();
            // the recipient's connections see the sender as the peer, the sender's other connections the recipient
            published[i] = deliveries.send(envelope, Recipients.conversation(envelope, envelope.getToId(),
                    result.recipientConnections(), envelope.getFromUserId(), result.senderConnections()));
        }
        CompletableFuture.allOf(published).join();
    }
}
