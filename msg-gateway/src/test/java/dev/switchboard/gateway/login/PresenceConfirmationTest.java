package dev.switchboard.gateway.login;

import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.gateway.delivery.DeliveryPusher;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Target;
import io.micrometer.core.instrument.MeterRegistry;
import dev.switchboard.proto.envelope.PresenceEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.golden;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An accepted login is answered only once presence-service confirms it holds the connection (here the test plays
 * presence-service: no stand-in), so the user is reachable from the moment the answer arrives; deliveries that come
 * before the answer follow it; without a confirmation the login is answered after presence-confirm-timeout, counted.
 */
class PresenceConfirmationTest extends GatewayIntegrationTest {

    private static final long USER12 = 12;

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private GatewayProperties properties;
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());

    @DynamicPropertySource
    static void withoutPresence(DynamicPropertyRegistry registry) {
        registry.add("switchboard.test.presence-stand-in", () -> "false");
        registry.add("switchboard.gateway.presence-confirm-timeout", () -> "4s");
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(1));
    }

    @Test
    void answersTheLoginOnlyWhenPresenceHoldsTheConnectionAndWritesEarlierDeliveriesAfterTheAnswer() {
        GoldenFrame login = golden(USER12_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE);
        double before = unconfirmed();
        try (RawClient client = RawClient.connect(server.port());
             DeliveryPusher pusher = new DeliveryPusher(properties.id())) {
            client.send(login.frame());
            Session session = await().atMost(Duration.ofSeconds(10)).until(() -> newestSession(USER12).orElse(null),
                    found -> found != null);

            // presence may route to the connection already: the message must reach the client, after the answer
            pusher.deliver(session, 41, 5);
            pusher.flush();
            client.assertNothingFor(Duration.ofMillis(500), pdu -> pdu.commandId() == CID_LOGIN_RES_USERLOGIN_VALUE
                    || pdu.commandId() == CID_MSG_DATA_VALUE);

            confirm(Delivery.newBuilder().setOnlineApplied(true).addTargets(Target.newBuilder()
                    .setUserId((int) USER12).setConnectionId(session.connectionId())));

            client.await(CID_MSG_DATA_VALUE, 0);
            List<Integer> order = client.all(pdu -> true).stream().map(Pdu::commandId).toList();
            assertThat(order).containsSubsequence(CID_LOGIN_RES_USERLOGIN_VALUE, CID_MSG_DATA_VALUE);
            assertThat(order.indexOf(CID_LOGIN_RES_USERLOGIN_VALUE)).isLessThan(order.indexOf(CID_MSG_DATA_VALUE));
            assertThat(unconfirmed()).isEqualTo(before);
        }
    }

    @Test
    void aSnapshotThatCarriedTheConnectionConfirmsItAndAnOlderOneDoesNot() {
        GoldenFrame login = golden(USER12_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE);
        double before = unconfirmed();
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(login.frame());
            await().atMost(Duration.ofSeconds(10)).until(() -> newestSession(USER12).isPresent());
            // the snapshot presence asks for when it registers a gateway whose ONLINE it dropped
            long seq = publishSnapshot();

            confirm(Delivery.newBuilder().setOnlineApplied(true).setSnapshotSeq(seq - 1));
            client.assertNothingFor(Duration.ofMillis(500), pdu -> pdu.commandId() == CID_LOGIN_RES_USERLOGIN_VALUE);

            confirm(Delivery.newBuilder().setOnlineApplied(true).setSnapshotSeq(seq));
            client.await(CID_LOGIN_RES_USERLOGIN_VALUE, login.seq());
            assertThat(unconfirmed()).isEqualTo(before);
        }
    }

    @Test
    void answersAfterTheTimeoutWhenPresenceNeverConfirmsAndCountsIt() {
        GoldenFrame login = golden(USER12_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE);
        double before = unconfirmed();
        try (RawClient client = RawClient.connect(server.port())) {
            long sent = System.nanoTime();
            client.send(login.frame());

            client.await(CID_LOGIN_RES_USERLOGIN_VALUE, login.seq());

            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
            assertThat(unconfirmed()).isEqualTo(before + 1);
            assertThat(client.closedByPeer()).isFalse();
        }
    }

    /** Makes the gateway publish a snapshot now, as a snapshot request does; returns its sequence. */
    private long publishSnapshot() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PRESENCE).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            confirm(Delivery.newBuilder().setSnapshotRequest(true));
            return await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    PresenceEvent event = PresenceEvent.parseFrom(record.value());
                    if (event.hasSnapshot() && event.getSnapshot().getGatewayId().equals(properties.id())) {
                        assertThat(event.getSnapshot().getConnectionsList())
                                .anyMatch(connection -> connection.getUserId() == USER12);
                        return event.getSnapshot().getSeq();
                    }
                }
                return 0L;
            }, seq -> seq != 0);
        }
    }

    private void confirm(Delivery.Builder confirmation) {
        producer.send(new ProducerRecord<>(Topics.deliver(properties.id()), properties.id(),
                confirmation.build().toByteArray()));
        producer.flush();
    }

    private double unconfirmed() {
        return meters.get("im.gateway.logins.unconfirmed").counter().count();
    }
}
