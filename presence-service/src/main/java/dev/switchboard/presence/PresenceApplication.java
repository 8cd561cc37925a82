package dev.switchboard.presence;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * presence-service: applies presence events to Redis, expires gateway leases, serves TeamTalk login_server's
 * {@code GET /msg_server} and owns the directory.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PresenceApplication {

    /** The consumer group of {@code im.presence}: every instance of presence-service shares it. */
    public static final String PRESENCE_GROUP = "presence-service";

    public static void main(String[] args) {
        SpringApplication.run(PresenceApplication.class, args);
    }
}
