package dev.switchboard.gateway.message;

import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Frame;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.GroupStore;
import dev.switchboard.gateway.session.SentMessages;
import dev.switchboard.store.MessageStore;
import dev.switchboard.store.SendClaims;
import dev.switchboard.store.SendClaims.Claim;
import dev.switchboard.store.SendClaims.SendKey;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Makes a client's message durable, then acknowledges it: allocates the conversation's next msg_id in Redis, rewrites
 * the sender and create time, publishes the routing envelope to {@code im.route} (key: recipient or group,
 * {@code acks=all}), and only when Kafka has it answers {@code IMMsgDataAck} with the client's seq. If any step fails
 * the client gets no ack, exactly what a TeamTalk client treats as "not sent". A group message from a non-member
 * gets no msg_id and no ack (TeamTalk's database sends no reply then).
 * <p>
 * <b>Resends.</b> A copy of a message is acknowledged with the original's msg_id and neither stored nor delivered
 * again, by two rules:
 * <ol>
 * <li><em>Same connection, same seq</em> (a client retrying on its socket): the same conversation and content with a
 * seq this connection used within the dedup window. Answered from memory ({@link SentMessages}), once the original
 * is acknowledged; the create time may differ.</li>
 * <li><em>Same sender, conversation, create_time and content</em> within {@code dedup-window} (default 60 s), from
 * any connection on any gateway (a resend after reconnecting elsewhere). The first copy claims that identity and its
 * msg_id in one atomic Redis step ({@link SendClaims}); a copy finding it acknowledged gets its msg_id at once, a
 * copy finding it still being published asks again every {@value #PENDING_POLL_MILLIS} ms, so no copy is
 * acknowledged before the message is durable. A failed publish releases the claim, and a claim whose publisher died
 * is free after {@code dedup-pending-timeout}: the next copy then publishes the message itself with the same msg_id
 * (route-service stores a msg_id once). create_time is compared as the client sent it (seconds): the same text sent
 * twice to the same peer within one second with the same create_time is one message. A client that sends
 * create_time 0 gets only the first rule.</li>
 * </ol>
 * Both rules apply to single and group messages.
 */
@Component
final class MessagePublisher {

    private static final Logger log = LoggerFactory.getLogger(MessagePublisher.class);
    private static final long PENDING_POLL_MILLIS = 100;
    private static final Executor PENDING_POLL =
            CompletableFuture.delayedExecutor(PENDING_POLL_MILLIS, TimeUnit.MILLISECONDS);

    private final MessageStore messages;
    private final GroupStore groups;
    private final SendClaims claims;
    private final KafkaTemplate<String, byte[]> kafka;
    private final GatewayMetrics metrics;
    private final String gatewayId;
    private final Duration dedupWindow;
    private final Duration pendingTimeout;

    MessagePublisher(MessageStore messages, GroupStore groups, SendClaims claims, KafkaTemplate<String, byte[]> kafka,
                     GatewayMetrics metrics, GatewayProperties properties) {
        this.messages = messages;
        this.groups = groups;
        this.claims = claims;
        this.kafka = kafka;
        this.metrics = metrics;
        this.gatewayId = properties.id();
        this.dedupWindow = properties.dedupWindow();
        this.pendingTimeout = properties.dedupPendingTimeout();
    }

    /** Publishes a 1:1 message (event loop). */
    void publishSingle(Session session, int seq, IMMsgData message) {
        publish(session, seq, message, SessionType.SESSION_TYPE_SINGLE);
    }

    /** Publishes a group message (event loop). */
    void publishGroup(Session session, int seq, IMMsgData message) {
        publish(session, seq, message, SessionType.SESSION_TYPE_GROUP);
    }

    private void publish(Session session, int seq, IMMsgData message, SessionType type) {
        long receivedNanos = System.nanoTime();
        long from = session.userId();
        long to = Integer.toUnsignedLong(message.getToSessionId());
        long now = System.currentTimeMillis();
        SendDigest digests = SendDigest.of(message);
        String digest = digests.conversationAndContent();
        CompletableFuture<Long> earlier = session.sentMessages().find(seq, digest, now - dedupWindow.toMillis());
        if (earlier != null) {
            metrics.messageDuplicate("connection");
            earlier.thenAccept(msgId -> {
                if (msgId != 0) {
                    session.send(ack(seq, from, to, type, msgId));
                }
            });
            return;
        }
        CompletableFuture<Long> outcome = new CompletableFuture<>();
        session.sentMessages().remember(seq, digest, now, outcome);
        durable(session, message, type, to, digests).whenComplete((msgId, error) -> {
            if (error != null) {
                outcome.completeExceptionally(error);
                metrics.messageDropped("not_durable");
                log.warn("message not acknowledged userId={} toId={} error={}", from, to, error.toString());
                return;
            }
            outcome.complete(msgId);
            if (msgId == 0) {
                metrics.messageDropped("not_member");
                return;
            }
            metrics.messageAcknowledged(type.getNumber(), receivedNanos);
            session.send(ack(seq, from, to, type, msgId));
        });
    }

    /** Completes with the msg_id to acknowledge once the message (or the copy it repeats) is durable; 0: refused. */
    private CompletionStage<Long> durable(Session session, IMMsgData message, SessionType type, long to,
                                          SendDigest digests) {
        if (message.getCreateTime() == 0) {
            CompletionStage<Long> allocated = type == SessionType.SESSION_TYPE_GROUP
                    ? groups.nextMsgId(to, session.userId())
                    : messages.nextSingleMsgId(session.userId(), to);
            return allocated.thenCompose(msgId -> msgId == 0
                    ? CompletableFuture.completedFuture(0L)
                    : kafka.send(record(session, message, type, msgId)).thenApply(sent -> msgId));
        }
        SendKey key = new SendKey(session.userId(), type.getNumber(), to, digests.createTimeAndContent());
        return claimed(session, message, type, key);
    }

    private CompletionStage<Long> claimed(Session session, IMMsgData message, SessionType type, SendKey key) {
        return claims.claim(key, System.currentTimeMillis(), dedupWindow, pendingTimeout).thenCompose(claim ->
                switch (claim.outcome()) {
                    case NOT_MEMBER -> CompletableFuture.completedFuture(0L);
                    case ACKNOWLEDGED -> {
                        metrics.messageDuplicate("window");
                        yield CompletableFuture.completedFuture(claim.msgId());
                    }
                    case PENDING -> session.open()
                            ? CompletableFuture.runAsync(() -> { }, PENDING_POLL)
                                    .thenCompose(polled -> claimed(session, message, type, key))
                            : CompletableFuture.failedFuture(new IllegalStateException("connection closed"));
                    case CLAIMED -> publishClaimed(session, message, type, key, claim);
                });
    }

    private CompletionStage<Long> publishClaimed(Session session, IMMsgData message, SessionType type, SendKey key,
                                                 Claim claim) {
        CompletableFuture<?> publish;
        try {
            publish = kafka.send(record(session, message, type, claim.msgId()));
        } catch (RuntimeException e) {
            publish = CompletableFuture.failedFuture(e);
        }
        return publish.handle((sent, error) -> {
            if (error != null) {
                claims.release(key, claim);
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            }
            claims.acknowledge(key, claim.msgId()).exceptionally(failed -> {
                // the claim stays pending: a copy takes it over after the pending timeout, with the same msg_id
                log.warn("dedup claim not marked acknowledged msgId={} error={}", claim.msgId(), failed.toString());
                return null;
            });
            return claim.msgId();
        });
    }

    private ProducerRecord<String, byte[]> record(Session session, IMMsgData message, SessionType type, long msgId) {
        return routeRecord(gatewayId, session.userId(), session.connectionId(), message, type, msgId);
    }

    /**
     * The {@code im.route} record of a client's message: the message stamped with its sender, msg_id and the server's
     * time (attach data dropped), in a routing envelope naming its origin, keyed by the recipient or group.
     */
    static ProducerRecord<String, byte[]> routeRecord(String gatewayId, long fromUserId, long connectionId,
                                                      IMMsgData message, SessionType type, long msgId) {
        int now = (int) (System.currentTimeMillis() / 1000);
        IMMsgData stamped = message.toBuilder()
                .setFromUserId((int) fromUserId)
                .setCreateTime(now)
                .setMsgId((int) msgId)
                .clearAttachData()
                .build();
        RouteEnvelope envelope = RouteEnvelope.newBuilder()
                .setFrame(Frame.newBuilder()
                        .setServiceId(ServiceID.SID_MSG_VALUE)
                        .setCommandId(MessageCmdID.CID_MSG_DATA_VALUE)
                        .setBody(stamped.toByteString()))
                .setFromUserId((int) fromUserId)
                .setSessionType(type.getNumber())
                .setToId(message.getToSessionId())
                .setMsgId((int) msgId)
                .setCreateTime(now)
                .setOriginGatewayId(gatewayId)
                .setOriginConnectionId(connectionId)
                .setPublishedAtMillis(System.currentTimeMillis())
                .build();
        return new ProducerRecord<>(Topics.ROUTE, String.valueOf(message.getToSessionId()), envelope.toByteArray());
    }

    private static Pdu ack(int seq, long from, long to, SessionType type, long msgId) {
        IMMsgDataAck ack = IMMsgDataAck.newBuilder()
                .setUserId((int) from)
                .setSessionId((int) to)
                .setMsgId((int) msgId)
                .setSessionType(type)
                .build();
        return Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_ACK_VALUE, seq, ack);
    }
}
