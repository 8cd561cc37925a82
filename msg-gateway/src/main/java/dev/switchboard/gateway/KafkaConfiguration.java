package dev.switchboard.gateway;

import dev.switchboard.proto.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * This gateway's delivery topic (one partition: one consumer, in order), created if missing. Dead-letter handling
 * comes from switchboard-kafka-support.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic deliveryTopic(GatewayProperties properties) {
        return TopicBuilder.name(Topics.deliver(properties.id())).partitions(1).build();
    }
}
