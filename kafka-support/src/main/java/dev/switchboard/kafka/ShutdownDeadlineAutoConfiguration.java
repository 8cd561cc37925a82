package dev.switchboard.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * Every Switchboard service exits within {@code switchboard.shutdown-timeout} (default 25 s) of SIGTERM, whatever Kafka
 * and Redis do: see {@link ShutdownDeadline}.
 */
@AutoConfiguration
public class ShutdownDeadlineAutoConfiguration {

    @Bean
    ShutdownDeadline shutdownDeadline(Environment environment) {
        // bound like any Spring Boot property: SWITCHBOARD_SHUTDOWNTIMEOUT=8s works too
        return new ShutdownDeadline(Binder.get(environment).bind(ShutdownDeadline.PROPERTY, Duration.class)
                .orElse(ShutdownDeadline.DEFAULT_TIMEOUT));
    }
}
