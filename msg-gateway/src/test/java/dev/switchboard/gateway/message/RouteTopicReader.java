package dev.switchboard.gateway.message;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.RouteEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * Reads {@code im.route} on the shared broker from the beginning, without a consumer group. Other tests publish there
 * too, so callers pick their record by its content.
 */
final class RouteTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
            new StringDeserializer(), new ByteArrayDeserializer());
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    /** Call once the topic exists (after the gateway acknowledged a message). */
    RouteTopicReader() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTE).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The first record whose envelope matches, waiting up to 10 seconds for it. */
    ConsumerRecord<String, byte[]> await(Predicate<RouteEnvelope> wanted) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return seen.stream().filter(record -> wanted.test(parse(record))).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    static RouteEnvelope parse(ConsumerRecord<String, byte[]> record) {
        try {
            return RouteEnvelope.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            return RouteEnvelope.getDefaultInstance();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
