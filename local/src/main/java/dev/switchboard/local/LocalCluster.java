package dev.switchboard.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

/**
 * The all-in-one local mode: embedded Redis and Kafka in this JVM, N presence-service, N route-service and N
 * msg-gateway instances each in its own child process. {@link #main} is {@code ./switchboard local}, which also reads
 * {@link Console} commands (kill, stop, start, restart one service) on stdin; tests use {@link #start}, {@link #kill},
 * {@link #startService} and {@link #close}.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);
    /** How long a stopped service may take before SIGKILL: more than {@link ServicePlan#SHUTDOWN_TIMEOUT}. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final LocalOptions options;
    private final Infrastructure infrastructure;
    private final ServiceGroup services = new ServiceGroup();
    private final Thread shutdownHook = new Thread(this::close, "switchboard-local-shutdown");
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private LocalCluster(LocalOptions options, Infrastructure infrastructure) {
        this.options = options;
        this.infrastructure = infrastructure;
    }

    /** {@code ./switchboard local [options]}: starts, prints where to connect, runs until Ctrl-C (SIGINT/SIGTERM). */
    public static void main(String[] args) {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard local: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LocalOptions.usage());
            return;
        }
        try {
            LocalCluster cluster = start(options);
            Banner.print(cluster, System.out);
            cluster.console(System.in, System.out).startThread();
            cluster.awaitClosed();
        } catch (StartupException e) {
            System.err.println("switchboard local: startup failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Checks the jars and ports, starts everything and waits until every service is ready. The admin API gets the
     * options' token, else {@code $SWITCHBOARD_ADMIN_TOKEN}, else a random one ({@link #adminToken()}). On failure, stops
     * whatever it started and throws. A JVM shutdown hook stops the cluster if {@link #close} was not called.
     *
     * @throws StartupException saying what failed and what to do
     */
    public static LocalCluster start(LocalOptions requested) {
        LocalOptions options = requested.withAdminToken(adminToken(requested.adminToken()));
        Map<String, Path> jars = ServiceJars.findAll(options.home(), ServicePlan.MODULES);
        PortCheck.requireFree(options.fixedPorts());
        Path logs = createDirectory(logsOf(options.home()));
        LocalCluster cluster = new LocalCluster(options, Infrastructure.start(options.kafkaPort(), options.redisPort(),
                options.postgresUrl()));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.launch(jars, logs);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void launch(Map<String, Path> jars, Path logs) {
        Instant deadline = Instant.now().plus(options.startupTimeout());
        List<ServiceSpec> specs = ServicePlan.of(options, jars, infrastructure.backends());
        services.startAll(specs, options.home(), logs);
        services.awaitReady(deadline);
        log.info("cluster ready gateways={} presenceServices={} routeServices={} httpPort={}", options.gateways(),
                options.presenceServices(), options.routeServices(), options.httpPort());
    }

    /** The bearer token of presence-service's admin API for this run. */
    public String adminToken() {
        return options.adminToken();
    }

    private static String adminToken(String given) {
        if (!given.isEmpty()) {
            return given;
        }
        String fromEnvironment = System.getenv(LocalOptions.ADMIN_TOKEN_ENV);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Client TCP port of each gateway, {@code gw-0} first. */
    public List<Integer> gatewayPorts() {
        return options.gatewayPorts();
    }

    /** Metrics port ({@code /actuator/prometheus}) of each gateway, {@code gw-0} first. */
    public List<Integer> gatewayMetricsPorts() {
        return IntStream.range(0, options.gateways())
                .mapToObj(i -> ServicePlan.gatewayMetricsPort(options.gatewayPort(), i)).toList();
    }

    /** Metrics port ({@code /actuator/prometheus}) of each route-service instance, in instance order. */
    public List<Integer> routeMetricsPorts() {
        return IntStream.range(0, options.routeServices())
                .mapToObj(i -> ServicePlan.routeMetricsPort(options.httpPort(), i)).toList();
    }

    /** Port of the login HTTP API ({@code GET /msg_server}). */
    public int httpPort() {
        return options.httpPort();
    }

    /**
     * Pid of each service process by name ({@code gw-0}, ..., {@code presence-service}, {@code presence-service-1},
     * ..., {@code route-service}, ...).
     */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.services().forEach(service -> pids.put(service.name(), service.pid()));
        return pids;
    }

    /** SIGKILL to one service ({@code gw-1}, {@code route-service-1}, ...); returns the pid it had. */
    public long kill(String name) {
        return services.kill(name).pid();
    }

    /** Starts a killed or stopped service again with its arguments, waits until it is ready; returns its new pid. */
    public long startService(String name) {
        return services.start(name, Instant.now().plus(options.startupTimeout())).pid();
    }

    /** Kafka {@code bootstrap.servers} of the embedded broker. */
    public String bootstrapServers() {
        return infrastructure.bootstrapServers();
    }

    /** {@code redis://127.0.0.1:PORT} of the embedded Redis server. */
    public String redisUrl() {
        return infrastructure.redisUrl();
    }

    /** The pid of the embedded PostgreSQL server; empty with {@code --postgres-url}. */
    public OptionalLong postgresPid() {
        return infrastructure.postgresPid();
    }

    /** The JDBC URL of the PostgreSQL the services write to: the embedded server's, or {@code --postgres-url}. */
    public String postgresUrl() {
        return infrastructure.postgresUrl();
    }

    /** Where each service writes {@code <name>.log}. */
    public Path logDirectory() {
        return logsOf(options.home());
    }

    LocalOptions options() {
        return options;
    }

    /** The console that controls this cluster's services, reading {@code in} and answering on {@code out}. */
    Console console(InputStream in, PrintStream out) {
        return new Console(services, STOP_GRACE, options.startupTimeout(), in, out);
    }

    List<ServiceProcess> serviceProcesses() {
        return services.services();
    }

    Infrastructure infrastructure() {
        return infrastructure;
    }

    /** Blocks until {@link #close} has finished (from another thread or the shutdown hook). */
    public void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the services (SIGTERM, up to 10 s, then SIGKILL), then Kafka, then Redis; prints "stopped". Idempotent. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        removeShutdownHook();
        services.stopAll(STOP_GRACE);
        infrastructure.close();
        System.out.println("stopped");
        closed.countDown();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook running
        }
    }

    private static Path logsOf(Path home) {
        return home.resolve(".switchboard").resolve("logs");
    }

    private static Path createDirectory(Path logs) {
        try {
            return Files.createDirectories(logs);
        } catch (IOException e) {
            throw new StartupException("cannot create the log directory " + logs + ": " + e.getMessage(), e);
        }
    }
}
