package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.proto.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A malformed record on a service's topic goes to its dead-letter topic, and the service keeps routing. */
class DeadLetterTest {

    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void aMalformedRouteRecordGoesToTheDeadLetterTopicAndMessagesKeepFlowing() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        io.micrometer.core.instrument.MeterRegistry routeMeters =
                cluster.route.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        double deadBefore = deadLetters(routeMeters);
        byte[] garbage = "not a protobuf envelope \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.ROUTE, key, garbage)).get();
        }

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(Topics.ROUTE + "-dlt"));
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.stream().anyMatch(record -> key.equals(record.key()));
            });
            assertThat(dead.stream().filter(record -> key.equals(record.key())).findFirst().orElseThrow().value())
                    .isEqualTo(garbage);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters(routeMeters) == deadBefore + 1);

        TeamTalkClient sender = clients.connect(0);
        TeamTalkClient receiver = clients.connect(1);
        sender.login("user81", "123456", ClientType.CLIENT_TYPE_WINDOWS);
        receiver.login("user82", "123456", ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(82, 1);
        sender.sendText(82, "after the poison record");
        assertThat(receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                Duration.ofSeconds(10)).getFromUserId()).isEqualTo(81);
    }

    private static double deadLetters(io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.Counter counter =
                meters.find("im.kafka.dead_letters").tag("topic", Topics.ROUTE).counter();
        return counter == null ? 0 : counter.count();
    }
}
