package dev.switchboard.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects {@link LocalOptions} one {@code --name value} pair at a time; {@link LocalOptions#parse} drives it. */
final class OptionParser {

    private int gateways;
    private int gatewayPort;
    private int httpPort;
    private int kafkaPort;
    private int redisPort;
    private int demoUsers;
    private Path home;
    private Duration startupTimeout;
    private boolean help;
    private String adminToken;
    private int routeServices;
    private int presenceServices;
    private String routeMode;
    private String postgresUrl;
    private final List<String> gatewayJvmOptions = new ArrayList<>();
    private final List<String> serviceProperties = new ArrayList<>();

    OptionParser(LocalOptions defaults) {
        gateways = defaults.gateways();
        gatewayPort = defaults.gatewayPort();
        httpPort = defaults.httpPort();
        kafkaPort = defaults.kafkaPort();
        redisPort = defaults.redisPort();
        demoUsers = defaults.demoUsers();
        home = defaults.home();
        startupTimeout = defaults.startupTimeout();
        adminToken = defaults.adminToken();
        routeServices = defaults.routeServices();
        presenceServices = defaults.presenceServices();
        routeMode = defaults.tuning().routeMode();
        postgresUrl = defaults.postgresUrl();
        gatewayJvmOptions.addAll(defaults.tuning().gatewayJvmOptions());
        serviceProperties.addAll(defaults.tuning().serviceProperties());
    }

    void help() {
        help = true;
    }

    void set(String name, String value) {
        switch (name) {
            case "--gateways" -> gateways = number(name, value, 1, LocalOptions.MAX_GATEWAYS);
            case "--gateway-port" -> gatewayPort = number(name, value, 1, 65535);
            case "--route-services" -> routeServices = number(name, value, 1, LocalOptions.MAX_INSTANCES);
            case "--presence-services" -> presenceServices = number(name, value, 1, LocalOptions.MAX_INSTANCES);
            case "--http-port" -> httpPort = number(name, value, 1, 65535);
            case "--kafka-port" -> kafkaPort = number(name, value, 1, 65535);
            case "--redis-port" -> redisPort = number(name, value, 1, 65535);
            case "--demo-users" -> demoUsers = number(name, value, 0, 1_000_000);
            case "--home" -> home = directory(name, value);
            case "--startup-timeout" -> startupTimeout = Duration.ofSeconds(number(name, value, 1, 3600));
            case "--admin-token" -> adminToken = token(name, value);
            case "--route-mode" -> routeMode = value;
            case "--gateway-jvm-opts" -> gatewayJvmOptions.addAll(Arrays.stream(value.trim().split("\\s+"))
                    .filter(option -> !option.isEmpty()).toList());
            case "--service-property" -> serviceProperties.add(value);
            case "--postgres-url" -> postgresUrl = value;
            default -> throw new IllegalArgumentException("unknown option: " + name + " (see --help)");
        }
    }

    LocalOptions options() {
        return new LocalOptions(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home,
                startupTimeout, help, adminToken, routeServices, presenceServices,
                new ServiceTuning(routeMode, gatewayJvmOptions, serviceProperties), postgresUrl);
    }

    private static int number(String name, String value, int min, int max) {
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + ": '" + value + "' (expected: a number from " + min + " to " + max + ")");
        }
        LocalOptions.requireRange(name, number, min, max);
        return number;
    }

    private static String token(String name, String value) {
        if (value.isBlank() || value.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException(name + ": expected a token without spaces");
        }
        return value;
    }

    private static Path directory(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + ": empty (expected: a directory)");
        }
        return Path.of(value);
    }
}
