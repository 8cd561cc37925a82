package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.embedded.EmbeddedKafka;
import dev.switchboard.embedded.EmbeddedRedis;
import dev.switchboard.gateway.GatewayApplication;
import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.presence.PresenceApplication;
import dev.switchboard.route.RouteApplication;
import dev.switchboard.store.PresenceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Switchboard inside a secured deployment: Kafka accepts only SASL/PLAIN clients, Redis only an ACL user with a
 * password, and presence-service's admin API has a token. The three services, given the settings the Helm chart
 * renders ({@code spring.kafka.properties.security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config};
 * {@code switchboard.redis.url} with user and password), carry a message; their HTTP port serves health and
 * prometheus only, health without details; env and configprops, when an operator exposes them, show no value; and no
 * secret reaches the logs, Kafka's client configuration dumps included.
 */
@ExtendWith(OutputCaptureExtension.class)
class InternalSecurityTest {

    private static final String KAFKA_USER = "switchboard";
    private static final String KAFKA_PASSWORD = "kafka-Secret-8731";
    private static final String REDIS_USER = "switchboard";
    private static final String REDIS_PASSWORD = "redis-Secret-5520";
    private static final String ADMIN_TOKEN = "admin-Secret-4417";
    private static final List<String> SECRETS = List.of(KAFKA_PASSWORD, REDIS_PASSWORD, ADMIN_TOKEN);
    /** Actuator endpoints that reveal configuration, internals or control; none may be served by default. */
    private static final List<String> HIDDEN = List.of("env", "configprops", "beans", "heapdump", "threaddump",
            "loggers", "mappings", "metrics", "conditions", "scheduledtasks", "caches", "info", "shutdown");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servicesAuthenticateToKafkaAndRedisServeOnlyHealthAndPrometheusAndLogNoSecret(CapturedOutput output)
            throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            EmbeddedKafka kafka = EmbeddedKafka.startWithSasl(3, KAFKA_USER, KAFKA_PASSWORD);
            started.add(kafka);
            EmbeddedRedis redis = EmbeddedRedis.startWithUser(REDIS_USER, REDIS_PASSWORD);
            started.add(redis);
            Map<String, String> secured = securedSettings(kafka, redis);

            ConfigurableApplicationContext presence = start(started, PresenceApplication.class, secured, Map.of(
                    "switchboard.presence.demo-users", "4", "switchboard.presence.credential-iterations", "1000",
                    "switchboard.presence.admin-token", ADMIN_TOKEN));
            ConfigurableApplicationContext route = start(started, RouteApplication.class, secured, Map.of());
            ConfigurableApplicationContext gateway = start(started, GatewayApplication.class, secured, Map.of(
                    "switchboard.gateway.id", "gw-secure", "switchboard.gateway.port", "0",
                    "switchboard.gateway.drain-period", "0s"));
            await().atMost(WAIT).until(() -> presence.getBean(PresenceReader.class)
                    .liveGateways(System.currentTimeMillis()).toCompletableFuture().join().size() == 1);

            int port = gateway.getBean(GatewayServer.class).port();
            try (TeamTalkClient sender = TeamTalkClient.connect("127.0.0.1", port);
                 TeamTalkClient receiver = TeamTalkClient.connect("127.0.0.1", port)) {
                TestClients.assertLogsIn(receiver, "user2", ClientType.CLIENT_TYPE_WINDOWS);
                TestClients.assertLogsIn(sender, "user1", ClientType.CLIENT_TYPE_WINDOWS);
                assertThat(sender.sendText(2, "over SASL and Redis ACL").getMsgId()).isPositive();
                IMMsgData delivered = receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT);
                assertThat(TeamTalkCipher.decrypt(delivered.getMsgData().toByteArray()))
                        .contains("over SASL and Redis ACL");
            }

            for (ConfigurableApplicationContext service : List.of(presence, route, gateway)) {
                int http = Cluster.httpPort(service);
                String name = service.getEnvironment().getProperty("spring.application.name");
                HttpResponse<String> health = get(http, "health");
                assertThat(health.statusCode()).as(name).isEqualTo(200);
                assertThat(health.body()).as(name).contains("\"status\":\"UP\"")
                        .doesNotContain("components", "details", "redis", "kafka");
                assertThat(get(http, "prometheus").statusCode()).as(name).isEqualTo(200);
                for (String endpoint : HIDDEN) {
                    assertThat(get(http, endpoint).statusCode()).as(name + " /actuator/" + endpoint).isEqualTo(404);
                }
            }

            ConfigurableApplicationContext exposed = start(started, PresenceApplication.class, secured, Map.of(
                    "switchboard.presence.admin-token", ADMIN_TOKEN,
                    "management.endpoints.web.exposure.include", "health,prometheus,env,configprops"));
            int http = Cluster.httpPort(exposed);
            for (String endpoint : List.of("env", "configprops")) {
                HttpResponse<String> shown = get(http, endpoint);
                assertThat(shown.statusCode()).as(endpoint).isEqualTo(200);
                assertThat(shown.body()).as(endpoint).contains("******").doesNotContain(SECRETS);
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
        assertThat(output.getAll()).as("log output").contains("ProducerConfig values").doesNotContain(SECRETS);
    }

    /** What the Helm chart renders for SASL_PLAINTEXT Kafka and an ACL user in Redis. */
    private static Map<String, String> securedSettings(EmbeddedKafka kafka, EmbeddedRedis redis) {
        return Map.of(
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "spring.kafka.properties.security.protocol", "SASL_PLAINTEXT",
                "spring.kafka.properties.sasl.mechanism", "PLAIN",
                "spring.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"" + KAFKA_USER + "\" password=\"" + KAFKA_PASSWORD + "\";",
                "switchboard.redis.url", redis.url(REDIS_USER, REDIS_PASSWORD),
                "switchboard.redis.key-prefix", "secure:",
                // Kafka's clients print their whole configuration at INFO: let them, so the check below covers it
                "logging.level.org.apache.kafka.common.config", "INFO");
    }

    private static ConfigurableApplicationContext start(List<AutoCloseable> started, Class<?> application,
                                                        Map<String, String> secured, Map<String, String> own) {
        Map<String, Object> properties = new TreeMap<>(secured);
        properties.putAll(Cluster.postgresProperties());
        properties.putAll(own);
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).registerShutdownHook(false)
                .run(Cluster.arguments(properties));
        started.add(context);
        return context;
    }

    private static HttpResponse<String> get(int port, String endpoint) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/" + endpoint))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
