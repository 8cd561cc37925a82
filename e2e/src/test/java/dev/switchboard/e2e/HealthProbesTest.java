package dev.switchboard.e2e;

import dev.switchboard.embedded.EmbeddedKafka;
import dev.switchboard.embedded.EmbeddedRedis;
import dev.switchboard.gateway.GatewayApplication;
import dev.switchboard.presence.PresenceApplication;
import dev.switchboard.route.RouteApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes probes of every service, over HTTP: {@code /actuator/health/readiness} follows Kafka and Redis,
 * {@code /actuator/health/liveness} follows neither (an outage must not restart every pod). Each service runs on a
 * Redis server and a Kafka broker of its own, which the test stops.
 */
class HealthProbesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @ValueSource(classes = {GatewayApplication.class, PresenceApplication.class, RouteApplication.class})
    void readinessFollowsRedisAndKafkaWhileLivenessStaysUp(Class<?> application) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(1);
        EmbeddedRedis redis = EmbeddedRedis.start();
        ConfigurableApplicationContext service = null;
        try {
            service = start(application, kafka, redis);
            int port = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port"));
            awaitProbe(port, "readiness", 200, "UP");
            assertProbe(port, "liveness", 200, "UP");

            redis.close();
            awaitProbe(port, "readiness", 503, "DOWN");
            assertProbe(port, "liveness", 200, "UP");

            redis = EmbeddedRedis.start(redis.port());
            awaitProbe(port, "readiness", 200, "UP");

            kafka.close();
            kafka = null;
            awaitProbe(port, "readiness", 503, "DOWN");
            assertProbe(port, "liveness", 200, "UP");
        } finally {
            long closing = System.nanoTime();
            if (service != null) {
                service.close();
            }
            System.out.printf("HealthProbesTest: %s closed in %d ms%n", application.getSimpleName(),
                    (System.nanoTime() - closing) / 1_000_000);
            if (kafka != null) {
                kafka.close();
            }
            redis.close();
        }
    }

    private static ConfigurableApplicationContext start(Class<?> application, EmbeddedKafka kafka,
                                                        EmbeddedRedis redis) {
        Map<String, Object> properties = new TreeMap<>(Map.of(
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "switchboard.redis.url", redis.url(),
                "switchboard.redis.key-prefix", "health:",
                "server.port", "0",
                "spring.main.banner-mode", "off"));
        properties.putAll(Cluster.postgresProperties());
        if (application == GatewayApplication.class) {
            properties.put("switchboard.gateway.id", "gw-health");
            properties.put("switchboard.gateway.port", "0");
        }
        return new SpringApplicationBuilder(application).registerShutdownHook(false)
                .run(Cluster.arguments(properties));
    }

    private static void awaitProbe(int port, String probe, int status, String health) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(
                () -> assertProbe(port, probe, status, health));
    }

    private static void assertProbe(int port, String probe, int status, String health)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/" + probe))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(probe).isEqualTo(status);
        assertThat(response.body()).as(probe).contains("\"status\":\"" + health + "\"");
    }
}
