package dev.switchboard.route;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * route-service: consumes {@code im.route}, stores history and unread counters, and delivers each PDU to exactly the
 * gateways that hold its recipients.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RouteApplication {

    public static void main(String[] args) {
        SpringApplication.run(RouteApplication.class, args);
    }
}
