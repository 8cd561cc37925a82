package dev.switchboard.presence;

import com.google.protobuf.InvalidProtocolBufferException;
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

/** The presence topic (created if missing) and dead-letter handling of unreadable presence records. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic presenceTopic() {
        return TopicBuilder.name(Topics.PRESENCE).partitions(4).build();
    }

    /** A record that fails twice more goes to {@code <topic>-dlt} (partition chosen by Kafka). */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, error) -> new TopicPartition(record.topic() + "-dlt", -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(100, 2));
        handler.addNotRetryableExceptions(InvalidProtocolBufferException.class);
        return handler;
    }
}
