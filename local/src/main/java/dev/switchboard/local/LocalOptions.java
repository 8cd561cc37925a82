package dev.switchboard.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./switchboard local} starts and where. Build one with {@link #defaults()} (and the {@code with...}
 * methods) or {@link #parse(String...)}; the constructor rejects impossible values with a clear message.
 *
 * @param gateways       how many msg-gateway processes (default 2)
 * @param gatewayPort    client TCP port of gateway {@code gw-0}; gateway {@code i} listens on {@code gatewayPort + i}
 *                       (default 8000)
 * @param httpPort       port of presence-service's login HTTP API, {@code GET /msg_server} (default 8080)
 * @param kafkaPort      port of the embedded Kafka broker; 0 picks a free one (default)
 * @param redisPort      port of the embedded Redis server; 0 picks a free one (default)
 * @param demoUsers      how many demo users presence-service seeds: user1..userN, password 123456 (default 100)
 * @param home           repository root: the service jars are under {@code <home>/<module>/target}, logs go to
 *                       {@code <home>/.switchboard/logs} (default: the current directory)
 * @param startupTimeout how long every service together may take to become ready (default 120 s)
 * @param help           {@code --help} was given: print {@link #usage()} and start nothing
 * @param adminToken     bearer token of presence-service's admin API ({@code --admin-token}); empty: taken from the
 *                       environment variable {@value #ADMIN_TOKEN_ENV} or generated for the run (see
 *                       {@link LocalCluster#start}). Hidden by {@link #toString()}.
 * @param routeServices    how many route-service processes (default 1); they share {@code im.route} as one Kafka
 *                         consumer group
 * @param presenceServices how many presence-service processes (default 1); they share {@code im.presence} as one
 *                         consumer group; instance {@code i} serves the login HTTP API on {@code httpPort + i}
 * @param tuning           what the services get beyond the plan: route mode, gateway JVM options, Spring properties
 *                         ({@code --route-mode}, {@code --gateway-jvm-opts}, {@code --service-property}); default none
 * @param postgresUrl      JDBC URL of an existing PostgreSQL to use ({@code --postgres-url}); empty (default): start an
 *                         embedded one. Hidden by {@link #toString()} (it may hold a password).
 */
public record LocalOptions(int gateways, int gatewayPort, int httpPort, int kafkaPort, int redisPort, int demoUsers,
                           Path home, Duration startupTimeout, boolean help, String adminToken, int routeServices,
                           int presenceServices, ServiceTuning tuning, String postgresUrl) {

    /** The environment variable that supplies the admin token when {@code --admin-token} is not given. */
    public static final String ADMIN_TOKEN_ENV = "SWITCHBOARD_ADMIN_TOKEN";

    static final String JDBC_POSTGRESQL = "jdbc:postgresql://";
    static final int MAX_GATEWAYS = 64;
    static final int MAX_INSTANCES = 16;

    public LocalOptions {
        home = home.toAbsolutePath().normalize();
        requireRange("--gateways", gateways, 1, MAX_GATEWAYS);
        requireRange("--gateway-port", gatewayPort, 1, 65536 - gateways - 1000);
        requireRange("--route-services", routeServices, 1, MAX_INSTANCES);
        requireRange("--presence-services", presenceServices, 1, MAX_INSTANCES);
        requireRange("--http-port", httpPort, 1, 65536 - Math.max(presenceServices, 100 + routeServices));
        requireRange("--kafka-port", kafkaPort, 0, 65535);
        requireRange("--redis-port", redisPort, 0, 65535);
        requireRange("--demo-users", demoUsers, 0, 1_000_000);
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("--startup-timeout: " + startupTimeout.toSeconds() + " (expected: > 0)");
        }
        fixedPorts(gateways, gatewayPort, httpPort, presenceServices, routeServices, kafkaPort, redisPort);
        adminToken = adminToken == null ? "" : adminToken.strip();
        tuning = tuning == null ? ServiceTuning.NONE : tuning;
        postgresUrl = postgresUrl == null ? "" : postgresUrl.strip();
        if (!postgresUrl.isEmpty() && !postgresUrl.startsWith(JDBC_POSTGRESQL)) {
            throw new IllegalArgumentException("--postgres-url: expected " + JDBC_POSTGRESQL
                    + "HOST:PORT/DATABASE?user=USER&password=PASSWORD");
        }
    }

    /** Options with service tuning and an embedded PostgreSQL. */
    public LocalOptions(int gateways, int gatewayPort, int httpPort, int kafkaPort, int redisPort, int demoUsers,
                        Path home, Duration startupTimeout, boolean help, String adminToken, int routeServices,
                        int presenceServices, ServiceTuning tuning) {
        this(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home, startupTimeout, help, adminToken,
                routeServices, presenceServices, tuning, "");
    }

    /** Options without service tuning. */
    public LocalOptions(int gateways, int gatewayPort, int httpPort, int kafkaPort, int redisPort, int demoUsers,
                        Path home, Duration startupTimeout, boolean help, String adminToken, int routeServices,
                        int presenceServices) {
        this(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home, startupTimeout, help, adminToken,
                routeServices, presenceServices, ServiceTuning.NONE);
    }

    /** Options with one route-service and one presence-service. */
    public LocalOptions(int gateways, int gatewayPort, int httpPort, int kafkaPort, int redisPort, int demoUsers,
                        Path home, Duration startupTimeout, boolean help, String adminToken) {
        this(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home, startupTimeout, help, adminToken,
                1, 1);
    }

    /** Options without an admin token: {@link LocalCluster#start} takes one from the environment or generates one. */
    public LocalOptions(int gateways, int gatewayPort, int httpPort, int kafkaPort, int redisPort, int demoUsers,
                        Path home, Duration startupTimeout, boolean help) {
        this(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home, startupTimeout, help, "");
    }

    /** Every default: 2 gateways on 8000.., login HTTP on 8080, free Kafka and Redis ports, 100 users, cwd. */
    public static LocalOptions defaults() {
        return new LocalOptions(2, 8000, 8080, 0, 0, 100, Path.of(""), Duration.ofSeconds(120), false);
    }

    /**
     * Parses {@code --name value} or {@code --name=value} options (see {@link #usage()}).
     *
     * @throws IllegalArgumentException naming the option and the expected value
     */
    public static LocalOptions parse(String... args) {
        OptionParser parser = new OptionParser(defaults());
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (arg.equals("--help") || arg.equals("-h")) {
                parser.help();
            } else if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg + " (see --help)");
            } else if (equals > 0) {
                parser.set(arg.substring(0, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                parser.set(arg, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + ": missing value (see --help)");
            }
        }
        return parser.options();
    }

    /** The text {@code --help} prints. */
    public static String usage() {
        return """
                usage: ./switchboard local [options]

                Starts embedded Kafka, Redis and PostgreSQL, presence-service, route-service and N msg-gateways,
                each service as its own process, seeds demo users and prints where to connect. Ctrl-C stops
                everything.

                options:
                  --gateways N           number of msg-gateway processes (default 2, at most %d)
                  --route-services N     number of route-service processes (default 1, at most %d); they share
                                         the work through one Kafka consumer group
                  --presence-services N  number of presence-service processes (default 1, at most %d); they share
                                         im.presence through one consumer group; instance i serves the login
                                         HTTP API on the --http-port + i (8081, 8082, ...)
                  --gateway-port P       client TCP port of the first gateway; gateway i uses P+i (default 8000)
                                         and serves its metrics on P+i+1000 (/actuator/prometheus)
                  --http-port P          login HTTP API of presence-service, GET /msg_server (default 8080);
                                         route-service i serves its metrics on P+100+i
                  --kafka-port P         embedded Kafka broker port (default: a free port)
                  --redis-port P         embedded Redis port (default: a free port)
                  --postgres-url URL     an existing PostgreSQL instead of the embedded one, e.g.
                                         jdbc:postgresql://db:5432/switchboard?user=switchboard&password=secret
                                         (the services create their tables in it at startup)
                  --demo-users N         seed user1..userN, password 123456 (default 100)
                  --home DIR             repository root holding the built service jars (default: current directory)
                  --startup-timeout S    seconds every service together may take to become ready (default 120)
                  --admin-token T        bearer token of the admin API (/admin/**); default: $%s, else a fresh
                                         random token, printed when everything is ready
                  --route-mode M         route-service's switchboard.route.mode: targeted (one delivery record
                                         per recipient gateway) or broadcast (one per registered gateway but the
                                         origin, like TeamTalk's route_server); default: the service's default
                  --gateway-jvm-opts O   extra JVM options of every gateway process, e.g. "-Xmx2g" (replaces
                                         the default -Xmx384m)
                  --service-property S:K=V
                                         a Spring property for service S (msg-gateway, presence-service,
                                         route-service or all), e.g. msg-gateway:switchboard.gateway.
                                         messages-per-second=100; repeatable
                  --help                 print this help

                environment: SWITCHBOARD_SERVICE_JVM_OPTS="..." adds JVM options to every service process,
                e.g. -XX:TieredStopAtLevel=4 (both JIT tiers, as the benchmarks run; the default is C1 only,
                which starts faster)

                while it runs, type a command and Enter (stdin):
                  status                 every service process, its pid and whether it runs
                  kill NAME              SIGKILL one service (e.g. kill gw-1): a crash, nothing flushed
                  stop NAME              SIGTERM one service: a graceful shutdown
                  start NAME             start a stopped service again with the same arguments
                  restart NAME           stop (SIGTERM) then start
                  help                   list these commands
                """.formatted(MAX_GATEWAYS, MAX_INSTANCES, MAX_INSTANCES, ADMIN_TOKEN_ENV);
    }

    /** The client TCP port of each gateway, in gateway order. */
    public List<Integer> gatewayPorts() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < gateways; i++) {
            ports.add(gatewayPort + i);
        }
        return ports;
    }

    /** The login HTTP port of each presence-service instance, in instance order. */
    public List<Integer> httpPorts() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < presenceServices; i++) {
            ports.add(httpPort + i);
        }
        return ports;
    }

    /** Every port fixed before start, by what uses it ({@code gw-0}, {@code login http}, {@code kafka}, {@code redis}). */
    Map<String, Integer> fixedPorts() {
        return fixedPorts(gateways, gatewayPort, httpPort, presenceServices, routeServices, kafkaPort, redisPort);
    }

    /** The same options with another repository root. */
    public LocalOptions withHome(Path newHome) {
        return new LocalOptions(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, newHome,
                startupTimeout, help, adminToken, routeServices, presenceServices, tuning, postgresUrl);
    }

    /** The same options with other client and HTTP ports (tests use free ports). */
    public LocalOptions withPorts(int newGatewayPort, int newHttpPort) {
        return new LocalOptions(gateways, newGatewayPort, newHttpPort, kafkaPort, redisPort, demoUsers, home,
                startupTimeout, help, adminToken, routeServices, presenceServices, tuning, postgresUrl);
    }

    /** The same options with another number of gateways. */
    public LocalOptions withGateways(int newGateways) {
        return new LocalOptions(newGateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home,
                startupTimeout, help, adminToken, routeServices, presenceServices, tuning, postgresUrl);
    }

    /** The same options with another startup timeout. */
    public LocalOptions withStartupTimeout(Duration newTimeout) {
        return new LocalOptions(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home,
                newTimeout, help, adminToken, routeServices, presenceServices, tuning, postgresUrl);
    }

    /** The same options with other numbers of route-service and presence-service instances. */
    public LocalOptions withInstances(int newRouteServices, int newPresenceServices) {
        return new LocalOptions(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home,
                startupTimeout, help, adminToken, newRouteServices, newPresenceServices, tuning, postgresUrl);
    }

    /** The same options with another admin token. */
    public LocalOptions withAdminToken(String newAdminToken) {
        return new LocalOptions(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home,
                startupTimeout, help, newAdminToken, routeServices, presenceServices, tuning, postgresUrl);
    }

    /** The same options with other service tuning. */
    public LocalOptions withTuning(ServiceTuning newTuning) {
        return new LocalOptions(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home,
                startupTimeout, help, adminToken, routeServices, presenceServices, newTuning, postgresUrl);
    }

    /** The same options with another PostgreSQL ({@code ""}: an embedded one). */
    public LocalOptions withPostgresUrl(String newPostgresUrl) {
        return new LocalOptions(gateways, gatewayPort, httpPort, kafkaPort, redisPort, demoUsers, home,
                startupTimeout, help, adminToken, routeServices, presenceServices, tuning, newPostgresUrl);
    }

    @Override
    public String toString() {
        return "LocalOptions[gateways=" + gateways + ", gatewayPort=" + gatewayPort + ", httpPort=" + httpPort
                + ", routeServices=" + routeServices + ", presenceServices=" + presenceServices
                + ", kafkaPort=" + kafkaPort + ", redisPort=" + redisPort + ", demoUsers=" + demoUsers + ", home="
                + home + ", startupTimeout=" + startupTimeout + ", help=" + help + ", adminToken="
                + (adminToken.isEmpty() ? "" : "***") + ", tuning=" + tuning + ", postgresUrl="
                + (postgresUrl.isEmpty() ? "" : "***") + "]";
    }

    private static Map<String, Integer> fixedPorts(int gateways, int gatewayPort, int httpPort, int presenceServices,
                                                   int routeServices, int kafkaPort, int redisPort) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < gateways; i++) {
            putUnique(ports, "gw-" + i + " (--gateway-port)", gatewayPort + i);
        }
        putUnique(ports, "login http (--http-port)", httpPort);
        for (int i = 1; i < presenceServices; i++) {
            putUnique(ports, ServicePlan.PRESENCE + "-" + i + " http (--http-port + " + i + ")", httpPort + i);
        }
        for (int i = 0; i < gateways; i++) {
            putUnique(ports, "gw-" + i + " metrics (--gateway-port + 1000)", ServicePlan.gatewayMetricsPort(gatewayPort, i));
        }
        for (int i = 0; i < routeServices; i++) {
            putUnique(ports, ServicePlan.instanceName(ServicePlan.ROUTE, i) + " metrics (--http-port + 100)",
                    ServicePlan.routeMetricsPort(httpPort, i));
        }
        if (kafkaPort != 0) {
            putUnique(ports, "kafka (--kafka-port)", kafkaPort);
        }
        if (redisPort != 0) {
            putUnique(ports, "redis (--redis-port)", redisPort);
        }
        return ports;
    }

    private static void putUnique(Map<String, Integer> ports, String user, int port) {
        ports.forEach((other, otherPort) -> {
            if (otherPort == port) {
                throw new IllegalArgumentException("port " + port + " is used twice: by " + other + " and by " + user);
            }
        });
        ports.put(user, port);
    }

    static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    option + ": " + value + " (expected: a number from " + min + " to " + max + ")");
        }
    }
}
