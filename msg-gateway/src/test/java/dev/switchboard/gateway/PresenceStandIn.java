package dev.switchboard.gateway;

import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.ConnectionEvent;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.PresenceEvent;
import dev.switchboard.proto.envelope.Target;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * What presence-service does for a gateway's logins, for the gateway's own tests (which run no presence-service):
 * every ONLINE this gateway publishes on {@code im.presence} is confirmed with an {@code online_applied} record on
 * its delivery topic, and every snapshot with a snapshot confirmation, so logins are answered as in a cluster. It
 * reads {@code im.presence} from its end when the context starts, by assignment (no group, no rebalance to wait for).
 * A test class that checks the wait itself turns it off with {@code switchboard.test.presence-stand-in=false}.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "switchboard.test.presence-stand-in", havingValue = "true", matchIfMissing = true)
public class PresenceStandIn implements SmartLifecycle {

    private final String gatewayId;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile KafkaProducer<String, byte[]> producer;
    private Thread thread;

    PresenceStandIn(GatewayProperties properties) {
        this.gatewayId = properties.id();
    }

    @Override
    public void start() {
        String servers = SharedInfrastructure.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(Topics.PRESENCE, 4, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new StringDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PRESENCE).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the gateway publishes anything
        thread = new Thread(this::run, "presence-stand-in-" + gatewayId);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    confirm(PresenceEvent.parseFrom(record.value()));
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (Exception e) {
            throw new IllegalStateException("presence stand-in failed", e);
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private void confirm(PresenceEvent event) {
        Delivery.Builder confirmation = Delivery.newBuilder().setOnlineApplied(true);
        if (event.hasConnection() && event.getConnection().getKind() == ConnectionEvent.Kind.ONLINE
                && event.getConnection().getGatewayId().equals(gatewayId)) {
            confirmation.addTargets(Target.newBuilder().setUserId(event.getConnection().getUserId())
                    .setConnectionId(event.getConnection().getConnectionId()));
        } else if (event.hasSnapshot() && event.getSnapshot().getGatewayId().equals(gatewayId)) {
            confirmation.setSnapshotSeq(event.getSnapshot().getSeq());
        } else {
            return;
        }
        producer.send(new ProducerRecord<>(Topics.deliver(gatewayId), gatewayId, confirmation.build().toByteArray()));
    }

    @Override
    public void stop() {
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(1));
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000; // before the client port opens and the gateway publishes
    }
}
