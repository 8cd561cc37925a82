package dev.switchboard.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The service processes of a local cluster and the arguments each one gets: the contract between this launcher and
 * the services. Listed in readiness order: gateways (port open), then presence-service (its login API names a
 * gateway, which proves the gateways registered their leases), then route-service (Spring Boot said "Started").
 * presence-service gets the admin token, when the options hold one.
 */
final class ServicePlan {

    static final String GATEWAY = "msg-gateway";
    static final String PRESENCE = "presence-service";
    static final String ROUTE = "route-service";
    static final List<String> MODULES = List.of(GATEWAY, PRESENCE, ROUTE);

    /** The login API answers {@code "code" : 0} only once some gateway holds a lease. */
    static final Pattern LOGIN_READY = Pattern.compile("\"code\"\\s*:\\s*0\\b");
    static final String ROUTE_READY = "Started";

    private ServicePlan() {
    }

    static List<ServiceSpec> of(LocalOptions options, Map<String, Path> jars, String bootstrapServers, String redisUrl) {
        List<String> common = List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--switchboard.redis.url=" + redisUrl);
        List<ServiceSpec> services = new ArrayList<>();
        for (int i = 0; i < options.gateways(); i++) {
            services.add(gateway(i, options.gatewayPort() + i, jars.get(GATEWAY), common));
        }
        services.add(presence(options, jars.get(PRESENCE), common));
        services.add(new ServiceSpec(ROUTE, jars.get(ROUTE), common, ReadinessProbe.logContains(ROUTE_READY),
                "kafka consumer, no port"));
        return services;
    }

    static URI loginUri(int httpPort) {
        return URI.create("http://127.0.0.1:" + httpPort + "/msg_server");
    }

    private static ServiceSpec gateway(int index, int port, Path jar, List<String> common) {
        List<String> arguments = new ArrayList<>(common);
        arguments.add("--switchboard.gateway.id=gw-" + index);
        arguments.add("--switchboard.gateway.port=" + port);
        arguments.add("--switchboard.gateway.advertised-host=127.0.0.1");
        return new ServiceSpec("gw-" + index, jar, arguments, ReadinessProbe.tcp(port), "tcp 127.0.0.1:" + port);
    }

    private static ServiceSpec presence(LocalOptions options, Path jar, List<String> common) {
        List<String> arguments = new ArrayList<>(common);
        if (!options.adminToken().isEmpty()) {
            arguments.add("--switchboard.presence.admin-token=" + options.adminToken());
        }
        arguments.add("--server.port=" + options.httpPort());
        arguments.add("--switchboard.presence.demo-users=" + options.demoUsers());
        URI login = loginUri(options.httpPort());
        return new ServiceSpec(PRESENCE, jar, arguments, ReadinessProbe.http(login, LOGIN_READY), "login " + login);
    }
}
