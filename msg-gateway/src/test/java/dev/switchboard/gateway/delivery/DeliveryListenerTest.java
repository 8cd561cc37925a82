package dev.switchboard.gateway.delivery;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Frame;
import dev.switchboard.proto.envelope.Target;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_ACK_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.body;
import static dev.switchboard.gateway.GatewayTestSupport.count;
import static dev.switchboard.gateway.GatewayTestSupport.golden;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deliveries on {@code im.deliver.<gateway id>} reach exactly the connection they name, and user12's ack clears them. */
class DeliveryListenerTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private GatewayProperties properties;
    private RawClient user12;
    private Session session;

    @BeforeEach
    void logInUser12() {
        user12 = logIn(USER12_CONNECTION);
        session = newestSession(12).orElseThrow();
    }

    @AfterAll
    static void closeProducer() {
        PRODUCER.close(Duration.ofSeconds(5));
    }

    @Test
    void deliversTheGoldenMessageToTheNamedConnectionWithSeqZero() {
        GoldenFrame delivered = golden(USER12_CONNECTION, true, CID_MSG_DATA_VALUE);
        double before = count(meters, "im.gateway.deliveries", "result", "ok");

        deliver(body(delivered), Target.newBuilder().setUserId(12).setConnectionId(session.connectionId()).setPeerId(11));

        Pdu pdu = user12.await(CID_MSG_DATA_VALUE, 0);
        assertThat(pdu.serviceId()).isEqualTo(delivered.serviceId());
        assertThat(pdu.body()).isEqualTo(body(delivered));
        assertThat(count(meters, "im.gateway.deliveries", "result", "ok")).isEqualTo(before + 1);
        assertThat(pendingAcks()).isEqualTo(1);
    }

    @Test
    void dropsADeliveryNamingAnotherUserForTheConnectionAsStale() {
        byte[] message = IMMsgData.newBuilder().setFromUserId(11).setToSessionId(99).setMsgId(1).setCreateTime(1)
                .setMsgType(com.mogujie.tt.protobuf.IMBaseDefine.MsgType.MSG_TYPE_SINGLE_TEXT)
                .setMsgData(ByteString.copyFromUtf8("not for user12")).build().toByteArray();
        double before = count(meters, "im.gateway.deliveries", "result", "stale");

        deliver(message, Target.newBuilder().setUserId(99).setConnectionId(session.connectionId()).setPeerId(11));

        await().atMost(WAIT).until(() -> count(meters, "im.gateway.deliveries", "result", "stale") == before + 1);
        user12.assertNothingFor(Duration.ofSeconds(1), pdu -> pdu.commandId() == CID_MSG_DATA_VALUE);
        assertThat(pendingAcks()).isZero();
    }

    @Test
    void theClientsGoldenAckClearsThePendingDelivery() {
        GoldenFrame delivered = golden(USER12_CONNECTION, true, CID_MSG_DATA_VALUE);
        GoldenFrame ack = golden(USER12_CONNECTION, false, CID_MSG_DATA_ACK_VALUE);
        deliver(body(delivered), Target.newBuilder().setUserId(12).setConnectionId(session.connectionId()).setPeerId(11));
        user12.await(CID_MSG_DATA_VALUE, 0);
        assertThat(pendingAcks()).isEqualTo(1);
        double before = count(meters, "im.gateway.delivery.acks", "result", "acknowledged");

        user12.send(ack.frame());

        await().atMost(WAIT).until(() -> count(meters, "im.gateway.delivery.acks", "result", "acknowledged") == before + 1);
        assertThat(pendingAcks()).isZero();
    }

    /** Publishes a delivery of msg_id 1 from user11, as route-service does. */
    private void deliver(byte[] body, Target.Builder target) {
        Delivery delivery = Delivery.newBuilder()
                .setFrame(Frame.newBuilder().setServiceId(3).setCommandId(CID_MSG_DATA_VALUE).setSeq(0)
                        .setBody(ByteString.copyFrom(body)))
                .addTargets(target)
                .setMsgId(1)
                .setSessionType(SessionType.SESSION_TYPE_SINGLE_VALUE)
                .setPublishedAtMillis(System.currentTimeMillis())
                .build();
        PRODUCER.send(new ProducerRecord<>(Topics.deliver(properties.id()), String.valueOf(target.getUserId()),
                delivery.toByteArray()));
        PRODUCER.flush();
    }

    /** The session's pending-ack count, read on its event loop where it lives. */
    private int pendingAcks() {
        CompletableFuture<Integer> count = new CompletableFuture<>();
        session.executeOnEventLoop(() -> count.complete(session.pendingAckCount()));
        return count.join();
    }
}
