package dev.switchboard.route;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tags every meter of this process, Kafka client, Redis and JVM meters included, with
 * {@code application=route-service}: dashboards tell services apart by the same label however
 * Prometheus scrapes them.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    MeterFilter commonTags() {
        return MeterFilter.commonTags(Tags.of("application", "route-service"));
    }
}
