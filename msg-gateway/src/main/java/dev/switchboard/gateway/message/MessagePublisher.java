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
import dev.switchboard.store.MessageStore;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Makes a client's message durable, then acknowledges it: allocates the conversation's next msg_id in Redis, rewrites
 * the sender and create time, publishes the routing envelope to {@code im.route} (key: recipient or group,
 * {@code acks=all}), and only when Kafka has it answers {@code IMMsgDataAck} with the client's seq. If any step fails
 * the client gets no ack, exactly what a TeamTalk client treats as "not sent". A group message from a non-member
 * gets no msg_id and no ack (TeamTalk's database sends no reply then).
 */
@Component
final class MessagePublisher {

    private static final Logger log = LoggerFactory.getLogger(MessagePublisher.class);

    private final MessageStore messages;
    private final GroupStore groups;
    private final KafkaTemplate<String, byte[]> kafka;
    private final GatewayMetrics metrics;
    private final String gatewayId;

    MessagePublisher(MessageStore messages, GroupStore groups, KafkaTemplate<String, byte[]> kafka,
                     GatewayMetrics metrics, GatewayProperties properties) {
        this.messages = messages;
        this.groups = groups;
        this.kafka = kafka;
        this.metrics = metrics;
        this.gatewayId = properties.id();
    }

    void publishSingle(Session session, int seq, IMMsgData message) {
        publish(session, seq, message, SessionType.SESSION_TYPE_SINGLE,
                messages.nextSingleMsgId(session.userId(), message.getToSessionId()));
    }

    void publishGroup(Session session, int seq, IMMsgData message) {
        publish(session, seq, message, SessionType.SESSION_TYPE_GROUP,
                groups.nextMsgId(Integer.toUnsignedLong(message.getToSessionId()), session.userId()));
    }

    /** Publishes once {@code allocated} gives the msg_id; 0 means the sender may not send there. */
    private void publish(Session session, int seq, IMMsgData message, SessionType type,
                         CompletionStage<Long> allocated) {
        long from = session.userId();
        long to = Integer.toUnsignedLong(message.getToSessionId());
        allocated.thenCompose(msgId -> msgId == 0
                        ? CompletableFuture.completedFuture(0L)
                        : kafka.send(record(session, message, type, msgId)).thenApply(sent -> msgId))
                .whenComplete((msgId, error) -> {
                    if (error != null) {
                        metrics.messageDropped("not_durable");
                        log.warn("message not acknowledged userId={} toId={} error={}", from, to, error.toString());
                        return;
                    }
                    if (msgId == 0) {
                        metrics.messageDropped("not_member");
                        return;
                    }
                    metrics.messageAcknowledged();
                    session.send(ack(seq, from, to, type, msgId));
                });
    }

    private ProducerRecord<String, byte[]> record(Session session, IMMsgData message, SessionType type, long msgId) {
        int now = (int) (System.currentTimeMillis() / 1000);
        IMMsgData stamped = message.toBuilder()
                .setFromUserId((int) session.userId())
                .setCreateTime(now)
                .setMsgId((int) msgId)
                .clearAttachData()
                .build();
        RouteEnvelope envelope = RouteEnvelope.newBuilder()
                .setFrame(Frame.newBuilder()
                        .setServiceId(ServiceID.SID_MSG_VALUE)
                        .setCommandId(MessageCmdID.CID_MSG_DATA_VALUE)
                        .setBody(stamped.toByteString()))
                .setFromUserId((int) session.userId())
                .setSessionType(type.getNumber())
                .setToId(message.getToSessionId())
                .setMsgId((int) msgId)
                .setCreateTime(now)
                .setOriginGatewayId(gatewayId)
                .setOriginConnectionId(session.connectionId())
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
