package dev.switchboard.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The error handler every Switchboard listener container uses (Spring Boot wires a {@code DefaultErrorHandler} bean
 * into the default container factory): a record whose listener fails is retried twice, 100 ms apart, then published
 * to {@code <topic>-dlt} with the failure in its headers, and its offset is committed. An unparsable envelope is not
 * retried. Nothing is dropped silently, and one poison record never blocks its partition. Each dead letter is
 * counted: {@code im.kafka.dead_letters{topic}} (the source topic), a counter that exists at zero from startup for
 * every topic the service's listeners consume, so an alert on its increase sees the first dead letter too.
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
            deadLetters(meters, record.topic()).increment();
        }, new FixedBackOff(100, 2));
        handler.addNotRetryableExceptions(InvalidProtocolBufferException.class);
        return handler;
    }

    @Bean
    DeadLetterCounters deadLetterCounters(ObjectProvider<KafkaListenerEndpointRegistry> listeners,
                                          MeterRegistry meters) {
        return new DeadLetterCounters(listeners, meters);
    }

    private static Counter deadLetters(MeterRegistry meters, String topic) {
        return meters.counter("im.kafka.dead_letters", "topic", topic);
    }

    /** Registers the dead-letter counter of each consumed topic once the listener containers exist. */
    static final class DeadLetterCounters implements ApplicationListener<ContextRefreshedEvent> {

        private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;
        private final MeterRegistry meters;

        DeadLetterCounters(ObjectProvider<KafkaListenerEndpointRegistry> listeners, MeterRegistry meters) {
            this.listeners = listeners;
            this.meters = meters;
        }

        @Override
        public void onApplicationEvent(ContextRefreshedEvent event) {
            listeners.ifAvailable(registry -> {
                for (MessageListenerContainer container : registry.getListenerContainers()) {
                    String[] topics = container.getContainerProperties().getTopics();
                    for (String topic : topics == null ? new String[0] : topics) {
                        deadLetters(meters, topic);
                    }
                }
            });
        }
    }
}
