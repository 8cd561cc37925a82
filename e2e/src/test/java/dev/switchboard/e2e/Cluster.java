package dev.switchboard.e2e;

import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.gateway.GatewayApplication;
import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.presence.PresenceApplication;
import dev.switchboard.route.RouteApplication;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;

/**
 * A whole Switchboard in this JVM, started once and shared by every end-to-end test: embedded Kafka, Redis and
 * PostgreSQL, presence-service (HTTP on a free port, {@value #DEMO_USERS} demo users), route-service and three
 * gateways on free ports. Each test class names the demo users it logs in (ids 1-399 for the feature tests, 400 and
 * up for the load tests: {@link ReachableAtLoginTest}, {@link LoginStormTest}). Each service is its own Spring
 * context, configured exactly as its process would be, with its actuator (health and Prometheus metrics) over HTTP on
 * a free port of its own ({@link #httpPort(ConfigurableApplicationContext)}).
 */
final class Cluster {

    static final int GATEWAYS = 3;
    static final int DEMO_USERS = 2400;
    /** route-service's {@code switchboard.history.cache-messages}: how many messages per conversation Redis keeps. */
    static final int HISTORY_CACHE = 20;
    /** The bearer token presence-service's admin API accepts ({@code switchboard.presence.admin-token}). */
    static final String ADMIN_TOKEN = "e2e-admin-token";
    private static Cluster instance;

    final ConfigurableApplicationContext presence;
    final ConfigurableApplicationContext route;
    final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    private Cluster() {
        presence = start(PresenceApplication.class, Map.of("server.port", "0",
                "switchboard.presence.demo-users", String.valueOf(DEMO_USERS), "switchboard.presence.credential-iterations", "1000",
                "switchboard.presence.admin-token", ADMIN_TOKEN));
        // a small history cache, so that every test's longer conversations read across Redis into PostgreSQL
        route = start(RouteApplication.class, Map.of("server.port", "0",
                "switchboard.history.cache-messages", String.valueOf(HISTORY_CACHE)));
        for (int i = 0; i < GATEWAYS; i++) {
            gateways.add(start(GatewayApplication.class, gatewayProperties("gw-" + i, Map.of())));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> presenceReader()
                .liveGateways(System.currentTimeMillis()).toCompletableFuture().join().size() == GATEWAYS);
    }

    static synchronized Cluster get() {
        if (instance == null) {
            instance = new Cluster();
        }
        return instance;
    }

    static synchronized void stopIfStarted() {
        if (instance != null) {
            instance.stop();
            instance = null;
        }
    }

    int gatewayPort(int index) {
        return gateways.get(index).getBean(GatewayServer.class).port();
    }

    int httpPort() {
        return httpPort(presence);
    }

    /** The HTTP port of a service's web server: presence-service's API, and every service's actuator. */
    static int httpPort(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port"));
    }

    PresenceReader presenceReader() {
        return presence.getBean(PresenceReader.class);
    }

    /** Waits until presence holds exactly {@code count} connections for the user. */
    void awaitConnections(long userId, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> connections(userId).size() == count);
    }

    List<PresenceEntry> connections(long userId) {
        return presenceReader().connections(userId).toCompletableFuture().join();
    }

    /**
     * Starts one more gateway with this id on a free port, configured like the cluster's three; the caller closes it
     * (a clean stop releases its connections at once).
     */
    ConfigurableApplicationContext startGateway(String gatewayId) {
        return startGateway(gatewayId, Map.of());
    }

    /** {@link #startGateway(String)} with {@code properties} added or replacing the cluster's gateway settings. */
    ConfigurableApplicationContext startGateway(String gatewayId, Map<String, String> properties) {
        return start(GatewayApplication.class, gatewayProperties(gatewayId, properties));
    }

    /**
     * A cluster gateway's settings: free client and HTTP ports, leases every 500 ms, and no drain (a stop closes every
     * connection at once, as the tests expect; DrainTest drains), then {@code extra}.
     */
    private static Map<String, String> gatewayProperties(String gatewayId, Map<String, String> extra) {
        Map<String, String> properties = new TreeMap<>(Map.of("switchboard.gateway.id", gatewayId,
                "switchboard.gateway.port", "0", "switchboard.gateway.lease-interval", "500ms",
                "switchboard.gateway.drain-period", "0s", "server.port", "0",
                // every test client connects from 127.0.0.1 and some tests fail logins on purpose: a per-address
                // backoff must not refuse another test's first login (HostileClientTest sets its own limits)
                "switchboard.gateway.login-throttle.failures-per-address", "100000",
                // and every connection of the load tests too (HostileClientTest tests the limit on its own gateways)
                "switchboard.gateway.max-connections-per-address", "10000"));
        properties.putAll(extra);
        return properties;
    }

    String kafkaBootstrap() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }

    private static ConfigurableApplicationContext start(Class<?> application, Map<String, String> properties) {
        Map<String, Object> all = new TreeMap<>(properties);
        all.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        all.put("switchboard.redis.url", SharedInfrastructure.redis().url());
        all.putAll(postgresProperties());
        all.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(application).registerShutdownHook(false).run(arguments(all));
    }

    /**
     * The JVM's PostgreSQL as every service is told of it. route-service writes history there; in this JVM all three
     * services have Spring's JDBC support on the classpath, so each needs a URL.
     */
    static Map<String, String> postgresProperties() {
        return Map.of("spring.datasource.url", SharedInfrastructure.postgres().jdbcUrl(),
                "spring.datasource.username", SharedInfrastructure.postgres().user(),
                "spring.datasource.password", "");
    }

    private void stop() {
        gateways.forEach(ConfigurableApplicationContext::close);
        route.close();
        presence.close();
    }

    /**
     * The settings as command-line arguments, which win over every {@code application.yml}: this JVM's classpath
     * holds all three services' files under the same name, so only one of them is found, whichever service starts.
     */
    static String[] arguments(Map<String, ?> properties) {
        return properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }
}
