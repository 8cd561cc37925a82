package dev.switchboard.route;

import dev.switchboard.proto.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The routing topic, created if missing. Dead-letter handling comes from switchboard-kafka-support. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic routeTopic() {
        return TopicBuilder.name(Topics.ROUTE).partitions(4).build();
    }
}
