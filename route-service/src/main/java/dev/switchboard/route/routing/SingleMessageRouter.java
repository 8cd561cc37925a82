package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.proto.envelope.RouteEnvelope;
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
 * A run of messages is routed together: every store is in flight at once (Lettuce pipelines them on its connection),
 * each message's presence lookup starts when its store has answered, and the delivery records are handed to the
 * producer in the order of the messages (so a recipient sees them in that order) and acknowledged together. This is
 * what lets one route-service thread keep up with tens of thousands of messages a second: the cost of a Redis or
 * Kafka round trip is paid once per run, not once per message.
 */
@Component
final class SingleMessageRouter {

    private final MessageStore messages;
    private final Recipients recipients;
    private final DeliveryPublisher deliveries;
    private final Counter stored;
    private final Counter duplicates;

    SingleMessageRouter(MessageStore messages, Recipients recipients, DeliveryPublisher deliveries,
                        MeterRegistry meters) {
        this.messages = messages;
        this.recipients = recipients;
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
        List<CompletableFuture<List<RecipientConnection>>> targets = new ArrayList<>(envelopes.size());
        for (RouteEnvelope envelope : envelopes) {
            long from = envelope.getFromUserId();
            long to = envelope.getToId();
            IMMsgData message = IMMsgData.parseFrom(envelope.getFrame().getBody());
            // the recipient's connections see the sender as the peer, the sender's other connections the recipient
            targets.add(messages.storeSingle(from, to, envelope.getMsgId(), Recipients.msgInfo(message).toByteArray(),
                            envelope.getCreateTime()).toCompletableFuture()
                    .thenCompose(isNew -> {
                        (isNew ? stored : duplicates).increment();
                        return recipients.lookup(envelope, List.of(to, from), user -> user == to ? from : to,
                                connection -> true);
                    }));
        }
        CompletableFuture<?>[] published = new CompletableFuture<?>[envelopes.size()];
        for (int i = 0; i < envelopes.size(); i++) {
            published[i] = deliveries.send(envelopes.get(i), targets.get(i).join());
        }
        CompletableFuture.allOf(published).join();
    }
}
