package dev.switchboard.e2e;

import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Delivery;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the records on the gateways' delivery topics ({@code im.deliver.gw-N}, one partition each) between a mark
 * and the current end, without a consumer group: to count exactly which gateways a PDU was routed to.
 */
final class DeliveryRecords implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    DeliveryRecords(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new ByteArrayDeserializer());
        for (int i = 0; i < Cluster.GATEWAYS; i++) {
            partitions.add(new TopicPartition(Topics.deliver("gw-" + i), 0));
        }
        consumer.assign(partitions);
    }

    /** The current end offset of every gateway's topic, by gateway index. */
    Map<Integer, Long> mark() {
        Map<Integer, Long> marks = new HashMap<>();
        consumer.endOffsets(partitions).forEach((partition, offset) -> marks.put(index(partition), offset));
        return marks;
    }

    /** The deliveries written to each gateway since {@code mark}, by gateway index. */
    Map<Integer, List<Delivery>> since(Map<Integer, Long> mark) throws Exception {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<Integer, List<Delivery>> deliveries = new HashMap<>();
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, mark.get(index(partition)));
            deliveries.put(index(partition), new ArrayList<>());
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(partition)) {
                    deliveries.get(index(partition)).add(Delivery.parseFrom(record.value()));
                }
            }
        }
        return deliveries;
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static int index(TopicPartition partition) {
        return Integer.parseInt(partition.topic().substring(partition.topic().lastIndexOf('-') + 1));
    }
}
