package dev.switchboard.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The service processes of a local cluster and the arguments each one gets: the contract between this launcher and
 * the services. Listed in readiness order: gateways (port open), then presence-service (its readiness probe is UP,
 * which Spring Boot turns only after the demo users are seeded, and its login API names a gateway, which proves the
 * gateways registered their leases), then route-service (Spring Boot said "Started").
 * presence-service gets the admin token, when the options hold one. The first instance of each service keeps the
 * plain name ({@code presence-service}, {@code route-service}); further ones are {@code presence-service-1},
 * {@code route-service-1}, ... Only the first presence-service seeds the demo users, so instances never race to create
 * the same user. Each gateway and route-service also serves its metrics and health over HTTP
 * ({@code /actuator/prometheus}): gateway {@code i} on {@link #gatewayMetricsPort}, route-service {@code i} on
 * {@link #routeMetricsPort}; presence-service serves them on its login port. Gateways drain for
 * {@value #GATEWAY_DRAIN_PERIOD} when stopped (the production default is 10 s), so {@code stop gw-1} and Ctrl-C stay
 * prompt. The options' {@link ServiceTuning} comes after each service's own arguments (route mode, properties) and
 * JVM flags (gateway JVM options) and replaces a plan argument of the same name, so
 * {@code --service-property msg-gateway:switchboard.gateway.drain-period=10s} wins.
 */
final class ServicePlan {

    static final String GATEWAY = "msg-gateway";
    static final String PRESENCE = "presence-service";
    static final String ROUTE = "route-service";
    static final List<String> MODULES = List.of(GATEWAY, PRESENCE, ROUTE);

    /** The login API answers {@code "code" : 0} only once some gateway holds a lease. */
    static final Pattern LOGIN_READY = Pattern.compile("\"code\"\\s*:\\s*0\\b");
    /**
     * {@code /actuator/health/readiness} answers {@code "status":"UP"} once Kafka and Redis are reachable and every
     * {@code ApplicationRunner} has returned: presence-service's demo users are in place.
     */
    static final Pattern HEALTH_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
    static final String ROUTE_READY = "Started";
    /** {@code switchboard.gateway.drain-period} of local gateways: well within the launcher's stop grace. */
    static final String GATEWAY_DRAIN_PERIOD = "1s";
    /**
     * {@code switchboard.shutdown-timeout} of every local service: each exits this long after SIGTERM at the latest,
     * even with Kafka or Redis gone, before the launcher's 10 s stop grace runs out.
     */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(8);

    private ServicePlan() {
    }

    static List<ServiceSpec> of(LocalOptions options, Map<String, Path> jars, Backends backends) {
        return of(options, jars, backends, List.of());
    }

    /** The plan, every service also getting {@code extraArguments} (after the plan's own, so they win). */
    static List<ServiceSpec> of(LocalOptions options, Map<String, Path> jars, Backends backends,
                                List<String> extraArguments) {
        List<String> common = List.of("--spring.kafka.bootstrap-servers=" + backends.bootstrapServers(),
                "--switchboard.redis.url=" + backends.redisUrl(),
                "--spring.datasource.url=" + backends.postgresUrl(),
                "--switchboard.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toSeconds() + "s");
        ServiceTuning tuning = options.tuning();
        List<ServiceSpec> services = new ArrayList<>();
        for (int i = 0; i < options.gateways(); i++) {
            services.add(gateway(i, options.gatewayPort() + i, gatewayMetricsPort(options.gatewayPort(), i),
                    jars.get(GATEWAY), common).withExtraArguments(tuning.arguments(GATEWAY))
                    .withJvmOptions(tuning.jvmOptions(GATEWAY)));
        }
        for (int i = 0; i < options.presenceServices(); i++) {
            services.add(presence(options, i, jars.get(PRESENCE), common)
                    .withExtraArguments(tuning.arguments(PRESENCE)));
        }
        for (int i = 0; i < options.routeServices(); i++) {
            int metricsPort = routeMetricsPort(options.httpPort(), i);
            List<String> arguments = new ArrayList<>(common);
            arguments.add("--server.port=" + metricsPort);
            services.add(new ServiceSpec(instanceName(ROUTE, i), jars.get(ROUTE), arguments,
                    ReadinessProbe.logContains(ROUTE_READY), "kafka consumer, metrics " + metricsUri(metricsPort))
                    .withExtraArguments(tuning.arguments(ROUTE)));
        }
        return services.stream().map(spec -> spec.withExtraArguments(extraArguments)).toList();
    }

    /** {@code service} for the first instance, {@code service-i} for the others. */
    static String instanceName(String service, int index) {
        return index == 0 ? service : service + "-" + index;
    }

    /** Gateway {@code index}'s metrics port: its client port + 1000 (8000 -> 9000). */
    static int gatewayMetricsPort(int gatewayPort, int index) {
        return gatewayPort + index + 1000;
    }

    /** route-service instance {@code index}'s metrics port: the login port + 100 + index (8080 -> 8180). */
    static int routeMetricsPort(int httpPort, int index) {
        return httpPort + 100 + index;
    }

    static URI metricsUri(int port) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
    }

    static URI readinessUri(int port) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    static URI loginUri(int httpPort) {
        return URI.create("http://127.0.0.1:" + httpPort + "/msg_server");
    }

    private static ServiceSpec gateway(int index, int port, int metricsPort, Path jar, List<String> common) {
        List<String> arguments = new ArrayList<>(common);
        arguments.add("--switchboard.gateway.drain-period=" + GATEWAY_DRAIN_PERIOD);
        arguments.add("--switchboard.gateway.id=gw-" + index);
        arguments.add("--switchboard.gateway.port=" + port);
        arguments.add("--switchboard.gateway.advertised-host=127.0.0.1");
        arguments.add("--server.port=" + metricsPort);
        return new ServiceSpec("gw-" + index, jar, arguments, ReadinessProbe.tcp(port),
                "tcp 127.0.0.1:" + port + ", metrics " + metricsUri(metricsPort));
    }

    private static ServiceSpec presence(LocalOptions options, int index, Path jar, List<String> common) {
        List<String> arguments = new ArrayList<>(common);
        if (!options.adminToken().isEmpty()) {
            arguments.add("--switchboard.presence.admin-token=" + options.adminToken());
        }
        int port = options.httpPort() + index;
        arguments.add("--server.port=" + port);
        arguments.add("--switchboard.presence.demo-users=" + (index == 0 ? options.demoUsers() : 0));
        URI login = loginUri(port);
        ReadinessProbe ready = ReadinessProbe.allOf(ReadinessProbe.http(readinessUri(port), HEALTH_UP),
                ReadinessProbe.http(login, LOGIN_READY));
        return new ServiceSpec(instanceName(PRESENCE, index), jar, arguments, ready, "login " + login);
    }
}
