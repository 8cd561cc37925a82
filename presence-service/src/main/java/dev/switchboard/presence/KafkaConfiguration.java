package dev.switchboard.presence;

import dev.switchboard.proto.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The presence topic, created if missing. Dead-letter handling comes from switchboard-kafka-support. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic presenceTopic() {
        return TopicBuilder.name(Topics.PRESENCE).partitions(4).build();
    }
}
