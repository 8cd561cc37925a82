package dev.switchboard.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The error handler every Switchboard listener container uses (Spring Boot wires a {@code DefaultErrorHandler} bean
 * into the default container factory): a record whose listener fails is retried twice, 100 ms apart, then published
 * to {@code <topic>-dlt} with the failure in its headers, and its offset is committed. An unparsable envelope is not
 * retried. Nothing is dropped silently, and one poison record never blocks its partition. Each dead letter is
 * counted: {@code im.kafka.dead_letters{topic}} (the source topic).
 */
@AutoConfiguration
public class DeadLetterAutoConfiguration {

    /** Suffix of dead-letter topics. */
    public static final String DLT_SUFFIX = "-dlt";

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> template, MeterRegistry meters) {
        // partition -1: let Kafka choose, the dead-letter topic may have fewer partitions than the source
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, error) -> new TopicPartition(record.topic() + DLT_SUFFIX, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, error) -> {
            recoverer.accept(record, error);
            meters.counter("im.kafka.dead_letters", "topic", record.topic()).increment();
        }, new FixedBackOff(100, 2));
        handler.addNotRetryableExceptions(InvalidProtocolBufferException.class);
        return handler;
    }
}
