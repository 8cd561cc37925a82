package dev.switchboard.gateway;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tags every meter of this process, Kafka client, Redis and JVM meters included, with {@code application=msg-gateway}
 * and {@code gateway=<switchboard.gateway.id>}: dashboards group by gateway and tell services apart by the same labels
 * however Prometheus scrapes them. Gateway ids are few and stable (a StatefulSet's ordinals), so the tag is bounded.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    MeterFilter commonTags(GatewayProperties properties) {
        return MeterFilter.commonTags(Tags.of("application", "msg-gateway", "gateway", properties.id()));
    }
}
