package dev.switchboard.route.history;

import dev.switchboard.database.MessageArchive;
import dev.switchboard.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Collection;

/**
 * The history writer's parts: the message table over Spring's {@code JdbcClient} (HikariCP's pool from
 * {@code spring.datasource.*}), its status, the startup that migrates the schema, and a listener container factory of
 * its own whose error handler retries a failed poll forever, backing off to {@link #MAX_BACKOFF}: history is never
 * dead-lettered for an outage.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    static final String CONTAINER_FACTORY = "historyListenerFactory";
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    @Bean
    MessageArchive messageArchive(JdbcClient jdbc) {
        return new MessageArchive(jdbc);
    }

    /** Named so that its health contributor is {@code history}. */
    @Bean("historyHealthIndicator")
    HistoryStatus historyStatus(MeterRegistry meters) {
        return new HistoryStatus(meters, System::currentTimeMillis);
    }

    @Bean
    HistoryStartup historyStartup(DataSource dataSource, MessageStore cache, MessageArchive archive,
                                  TransactionTemplate transactions, KafkaListenerEndpointRegistry listeners,
                                  HistoryStatus status) {
        return new HistoryStartup(dataSource, new HistoryBackfill(cache, archive, transactions), listeners, status);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> historyListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory, HistoryStatus status) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(MAX_BACKOFF.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Integer.MAX_VALUE);
        factory.setCommonErrorHandler(new DefaultErrorHandler((record, error) -> {
            throw new IllegalStateException("history writer gave up on a record: never configured to", error);
        }, backOff));
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer,
                                                       Collection<TopicPartition> partitions) {
                status.released();
            }
        });
        return factory;
    }
}
