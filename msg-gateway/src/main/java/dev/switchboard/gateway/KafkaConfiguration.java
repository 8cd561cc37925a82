package dev.switchboard.gateway;

import dev.switchboard.proto.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** The topics this gateway uses (created if missing) and the dead-letter handling of what it consumes. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic deliveryTopic(GatewayProperties properties) {
        return TopicBuilder.name(Topics.deliver(properties.id())).partitions(1).build();
    }

    /** A record that fails twice more goes to {@code <topic>-dlt} (partition chosen by Kafka). */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, error) -> new TopicPartition(record.topic() + "-dlt", -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(100, 2));
        handler.addNotRetryableExceptions(com.google.protobuf.InvalidProtocolBufferException.class);
        return handler;
    }
}
