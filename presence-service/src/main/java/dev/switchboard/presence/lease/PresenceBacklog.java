package dev.switchboard.presence.lease;

import dev.switchboard.presence.PresenceApplication;
import dev.switchboard.proto.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far the presence consumer group has applied {@code im.presence}, from Kafka's end offsets and the group's
 * committed offsets (committed only after an event's effect is stored). The {@link LeaseSweeper} uses it so a
 * gateway is never purged while renewals it published before its lease expired are still waiting in a backlog. It asks
 * through the service's one Kafka admin client (switchboard-kafka-support's, which the health check shares).
 */
@Component
final class PresenceBacklog {

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;

    PresenceBacklog(Admin admin) {
        this.admin = admin;
    }

    /** The end offset of every partition of {@code im.presence} now: what has been published so far. */
    Map<TopicPartition, Long> published() throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = admin.describeTopics(List.of(Topics.PRESENCE)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Topics.PRESENCE).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            latest.put(new TopicPartition(Topics.PRESENCE, i), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Whether the group has applied everything up to {@code mark} (from {@link #published}) on every partition. */
    boolean appliedUpTo(Map<TopicPartition, Long> mark)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin
                .listConsumerGroupOffsets(PresenceApplication.PRESENCE_GROUP).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> end : mark.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            if ((offset == null ? 0 : offset.offset()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
