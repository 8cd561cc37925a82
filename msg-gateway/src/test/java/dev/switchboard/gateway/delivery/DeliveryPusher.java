package dev.switchboard.gateway.delivery;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Frame;
import dev.switchboard.proto.envelope.Target;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;

/** Publishes 1:1 message deliveries from user11 on a gateway's delivery topic, as route-service does. */
public final class DeliveryPusher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 5),
            new StringSerializer(), new ByteArraySerializer());
    private final String topic;

    public DeliveryPusher(String gatewayId) {
        this.topic = Topics.deliver(gatewayId);
    }

    /** Publishes a delivery of {@code msgId} carrying {@code size} bytes of text to the session's connection. */
    public void deliver(Session session, int msgId, int size) {
        byte[] text = new byte[size];
        Arrays.fill(text, (byte) 'x');
        IMMsgData message = IMMsgData.newBuilder().setFromUserId(11).setToSessionId((int) session.userId())
                .setMsgId(msgId).setCreateTime(1_750_000_000).setMsgType(MsgType.MSG_TYPE_SINGLE_TEXT)
                .setMsgData(ByteString.copyFrom(text)).build();
        Delivery delivery = Delivery.newBuilder()
                .setFrame(Frame.newBuilder().setServiceId(3).setCommandId(CID_MSG_DATA_VALUE).setSeq(0)
                        .setBody(message.toByteString()))
                .addTargets(Target.newBuilder().setUserId((int) session.userId()).setConnectionId(session.connectionId())
                        .setPeerId(11))
                .setMsgId(msgId)
                .setSessionType(SessionType.SESSION_TYPE_SINGLE_VALUE)
                .setPublishedAtMillis(System.currentTimeMillis())
                .build();
        producer.send(new ProducerRecord<>(topic, String.valueOf(session.userId()), delivery.toByteArray()));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
