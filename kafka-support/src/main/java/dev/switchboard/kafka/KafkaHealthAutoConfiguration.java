package dev.switchboard.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * One Kafka {@link Admin} client per service, configured like Spring Boot's {@link KafkaAdmin}
 * ({@code spring.kafka.bootstrap-servers}, {@code spring.kafka.admin.*}, security) and shared by whatever asks the
 * cluster questions (presence-service's lease sweeper, the health check); and, with the actuator, the {@code kafka}
 * health indicator.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBean(KafkaAdmin.class)
public class KafkaHealthAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class KafkaHealthConfiguration {

        @Bean
        @ConditionalOnEnabledHealthIndicator("kafka")
        HealthIndicator kafkaHealthIndicator(Admin kafkaAdminClient) {
            return new KafkaHealthIndicator(kafkaAdminClient);
        }
    }
}
