package dev.switchboard.bench;

import dev.switchboard.local.LocalCluster;
import dev.switchboard.local.LocalOptions;
import dev.switchboard.local.ServiceTuning;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A Switchboard cluster the bench starts in this JVM with the local launcher ({@link LocalCluster}): embedded Kafka
 * and Redis here, each service its own process, demo users {@code user1..userN}. It runs from its own home (links to
 * the repository's service jars), so its logs ({@code <home>/.switchboard/logs}) stay with the run's results and never
 * overwrite those of a {@code ./switchboard local} running at the same time; its ports are free ones from 18000 up,
 * away from that launcher's 8000/8080. Presence hashes the demo users' passwords with one PBKDF2 iteration, so
 * seeding and logging in 100,000 users measures messaging, not password hashing (TeamTalk stores a salted md5).
 */
final class LocalTarget implements Target {

    static final List<String> MODULES = List.of("msg-gateway", "presence-service", "route-service");
    static final String PASSWORD = "123456";
    private static final int FIRST_GATEWAY_PORT = 18000;
    private static final String SEEDED = "demo users ready";

    private final LocalCluster cluster;
    private final ClusterProbe probe;
    private final Request request;

    private LocalTarget(LocalCluster cluster, Request request) {
        this.cluster = cluster;
        this.request = request;
        this.probe = new ClusterProbe(cluster);
    }

    /** A factory starting a fresh cluster from {@code repository}'s jars for each request, under {@code out}. */
    static Factory factory(Path repository, Path out, Duration startupTimeout, PrintStream console) {
        return request -> start(repository, out.resolve(request.label()), request, startupTimeout, console);
    }

    /**
     * Starts a cluster for {@code request} in {@code home} and waits until it is ready and its demo users exist.
     *
     * @throws IllegalStateException when a jar is missing or the cluster does not start
     */
    static LocalTarget start(Path repository, Path home, Request request, Duration startupTimeout,
                             PrintStream console) {
        linkJars(repository, home);
        int gatewayPort = freeBasePort(request.gateways());
        ServiceTuning tuning = ServiceTuning.NONE.withRouteMode(request.routeMode())
                .withGatewayJvmOptions(request.gatewayJvmOptions())
                .withServiceProperty("presence-service", "switchboard.presence.credential-iterations", "1")
                // phones read online (TeamTalk's rule shows a user on a phone only as offline to PC clients), so the
                // bench can see every connection's user online before it sends
                .withServiceProperty("all", "switchboard.status-mode", "accurate")
                .withServiceProperty("msg-gateway", "switchboard.gateway.messages-per-second",
                        String.valueOf(request.ratePerConnection()))
                // every bench connection comes from 127.0.0.x: lift the per-address cap a public gateway keeps
                .withServiceProperty("msg-gateway", "switchboard.gateway.max-connections-per-address", "1000000");
        LocalOptions options = new LocalOptions(request.gateways(), gatewayPort, gatewayPort + 80, 0, 0,
                request.users(), home, startupTimeout, false, "", 1, 1, tuning);
        console.printf("starting a local cluster: %d gateway(s) on 127.0.0.1:%d.., %d demo users%s; logs in %s%n",
                request.gateways(), gatewayPort, request.users(),
                request.routeMode().isEmpty() ? "" : ", route mode " + request.routeMode(),
                home.resolve(".switchboard").resolve("logs"));
        Instant started = Instant.now();
        LocalCluster cluster = LocalCluster.start(options);
        try {
            awaitSeeded(cluster.logDirectory().resolve("presence-service.log"), started.plus(startupTimeout));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        console.printf("cluster ready in %.1f s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return new LocalTarget(cluster, request);
    }

    /** The started cluster (pids, ports, admin token). */
    LocalCluster cluster() {
        return cluster;
    }

    @Override
    public List<InetSocketAddress> gateways() {
        return cluster.gatewayPorts().stream().map(port -> new InetSocketAddress("127.0.0.1", port)).toList();
    }

    @Override
    public String userName(int slot) {
        return "user" + (slot + 1);
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public Optional<ClusterProbe> probe() {
        return Optional.of(probe);
    }

    @Override
    public String describe() {
        return "local cluster: " + request.gateways() + " gateway(s), route-service"
                + (request.routeMode().isEmpty() ? "" : " mode " + request.routeMode()) + ", logs "
                + cluster.logDirectory();
    }

    @Override
    public void close() {
        cluster.close();
    }

    /** Links (or copies, where links are not allowed) each service's newest {@code *-exec.jar} into {@code home}. */
    static void linkJars(Path repository, Path home) {
        List<String> missing = new ArrayList<>();
        try {
            for (String module : MODULES) {
                Optional<Path> jar = newestJar(repository.resolve(module).resolve("target"));
                if (jar.isEmpty()) {
                    missing.add(module);
                    continue;
                }
                Path target = Files.createDirectories(home.resolve(module).resolve("target"));
                try (DirectoryStream<Path> old = Files.newDirectoryStream(target, "*-exec.jar")) {
                    for (Path stale : old) {
                        Files.delete(stale);
                    }
                }
                Path link = target.resolve(jar.get().getFileName());
                try {
                    Files.createSymbolicLink(link, jar.get().toAbsolutePath());
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(jar.get(), link, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the cluster's home " + home + ": " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no service jar (<module>/target/*-exec.jar) in " + repository + " for "
                    + missing + ": build them with ./mvnw -B -DskipTests package (or ./switchboard build), or give"
                    + " --home the repository root");
        }
    }

    private static Optional<Path> newestJar(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        Path newest = null;
        FileTime newestTime = null;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-exec.jar")) {
            for (Path jar : jars) {
                FileTime time = Files.getLastModifiedTime(jar);
                if (newest == null || time.compareTo(newestTime) > 0) {
                    newest = jar;
                    newestTime = time;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * A gateway port P from 18000 up (in steps of 200) such that every port of the plan is free: the gateways P..,
     * their metrics P+1000.., the login API P+80 and route-service's metrics P+180.
     */
    static int freeBasePort(int gateways) {
        for (int base = FIRST_GATEWAY_PORT; base < 40_000; base += 200) {
            int first = base;
            List<Integer> ports = new ArrayList<>();
            IntStream.range(0, gateways).forEach(i -> {
                ports.add(first + i);
                ports.add(first + 1000 + i);
            });
            ports.add(base + 80);
            ports.add(base + 180);
            if (ports.stream().allMatch(LocalTarget::isFree)) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports for a local cluster between 18000 and 40000");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** presence-service seeds the demo users after it reports ready: wait for its log line saying they exist. */
    private static void awaitSeeded(Path log, Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Files.exists(log) && Files.readString(log).contains(SEEDED)) {
                    return;
                }
                Thread.sleep(250);
            } catch (IOException e) {
                // not readable yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while presence-service seeds the demo users");
            }
        }
        throw new IllegalStateException("presence-service did not log '" + SEEDED + "' in time: see " + log);
    }
}
