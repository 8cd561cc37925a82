package dev.switchboard.bench;

import dev.switchboard.local.LocalCluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the bench can see of a cluster it started: the services' Prometheus counters (route-service's delivery records
 * and routed messages, each gateway's deliveries, heap and connections), and each process's CPU time and resident
 * memory from {@code /proc} (Linux). Kafka runs inside the bench's own JVM (the launcher embeds it): that JVM's CPU
 * is split into {@code bench} (the generator's threads: its event loops and the sending {@code main} thread, from
 * the JVM's per-thread CPU time) and {@code kafka+launcher} (the rest of the JVM: the broker, the launcher, GC).
 * The embedded PostgreSQL's CPU counts its server process and the backends alive when read.
 */
final class ClusterProbe {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s utime and stime: 100 on every common Linux build. */
    private static final double TICKS_PER_SECOND = 100;

    private final LocalCluster cluster;

    ClusterProbe(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The counters a delivery ratio needs, read now.
     *
     * @param routeRecords    delivery records route-service produced ({@code im_route_deliveries_total})
     * @param routedMessages  messages it routed: 1:1 stored plus group messages
     * @param gatewayDeliveries each gateway's {@code im_gateway_deliveries_total} by result
     */
    record Counters(double routeRecords, double routedMessages, Map<String, Map<String, Double>> gatewayDeliveries) {

        /** The deltas from {@code before} to this. */
        Counters minus(Counters before) {
            Map<String, Map<String, Double>> gateways = new LinkedHashMap<>();
            gatewayDeliveries.forEach((gateway, results) -> {
                Map<String, Double> delta = new LinkedHashMap<>();
                Map<String, Double> earlier = before.gatewayDeliveries.getOrDefault(gateway, Map.of());
                results.forEach((result, value) -> delta.put(result, value - earlier.getOrDefault(result, 0.0)));
                gateways.put(gateway, delta);
            });
            return new Counters(routeRecords - before.routeRecords, routedMessages - before.routedMessages, gateways);
        }
    }

    Counters counters() {
        double records = 0;
        double messages = 0;
        for (int port : cluster.routeMetricsPorts()) {
            Prometheus route = require(Prometheus.scrape(port), "route-service", port);
            records += route.sum("im_route_deliveries_total");
            messages += route.sum("im_route_messages_total", "result=\"stored\"")
                    + route.sum("im_route_group_messages_total");
        }
        Map<String, Map<String, Double>> gateways = new LinkedHashMap<>();
        List<Integer> ports = cluster.gatewayMetricsPorts();
        for (int i = 0; i < ports.size(); i++) {
            Prometheus gateway = require(Prometheus.scrape(ports.get(i)), "gw-" + i, ports.get(i));
            gateways.put("gw-" + i, gateway.byLabel("im_gateway_deliveries_total", "result"));
        }
        return new Counters(records, messages, gateways);
    }

    /**
     * The sum over every gateway of the counter {@code metric}, e.g. {@code im_gateway_deliveries_skipped_total}
     * (message deliveries not written live) or {@code im_gateway_logins_unconfirmed_total} (logins answered before
     * presence held them).
     */
    double gatewaySum(String metric) {
        double sum = 0;
        List<Integer> ports = cluster.gatewayMetricsPorts();
        for (int i = 0; i < ports.size(); i++) {
            sum += require(Prometheus.scrape(ports.get(i)), "gw-" + i, ports.get(i)).sum(metric);
        }
        return sum;
    }

    /** The counter {@code metric} summed over every gateway, by the value of {@code label}. */
    Map<String, Long> gatewaySumByLabel(String metric, String label) {
        Map<String, Long> sums = new java.util.TreeMap<>();
        List<Integer> ports = cluster.gatewayMetricsPorts();
        for (int i = 0; i < ports.size(); i++) {
            require(Prometheus.scrape(ports.get(i)), "gw-" + i, ports.get(i)).byLabel(metric, label)
                    .forEach((value, sum) -> sums.merge(value, Math.round(sum), Long::sum));
        }
        return sums;
    }

    /**
     * Where persistence stands after a run: waits up to {@code timeout} for route-service's history writer to hold no
     * uncommitted message ({@code im_history_behind_seconds} 0 on every instance), then reads the messages it stored
     * so far, the p99 of its publish-to-commit delay since the cluster started (the upper bound of the histogram
     * bucket that holds it), and Redis's {@code used_memory}.
     */
    Map<String, Object> history(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean caughtUp = false;
        while (!caughtUp && System.nanoTime() < deadline) {
            caughtUp = cluster.routeMetricsPorts().stream()
                    .allMatch(port -> require(Prometheus.scrape(port), "route-service", port)
                            .sum("im_history_behind_seconds") == 0);
            if (!caughtUp) {
                sleep(Duration.ofMillis(200));
            }
        }
        double stored = 0;
        Map<Double, Double> buckets = new java.util.TreeMap<>();
        for (int port : cluster.routeMetricsPorts()) {
            Prometheus route = require(Prometheus.scrape(port), "route-service", port);
            stored += route.sum("im_history_messages_total", "result=\"stored\"");
            route.byLabel("im_history_delay_seconds_bucket", "le").forEach((le, count) -> buckets.merge(
                    le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), count, Double::sum));
        }
        double total = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        double delayP99 = buckets.entrySet().stream().filter(bucket -> bucket.getValue() >= 0.99 * total)
                .mapToDouble(Map.Entry::getKey).findFirst().orElse(0);
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("history_caught_up", caughtUp);
        history.put("history_stored", Math.round(stored));
        history.put("history_delay_p99_ms", total == 0 || Double.isInfinite(delayP99) ? null
                : Report.round(delayP99 * 1000, 1));
        history.put("redis_used_memory_bytes", redisUsedMemory());
        return history;
    }

    /** Redis's {@code used_memory} (INFO memory), or -1 when it does not answer. */
    long redisUsedMemory() {
        URI redis = URI.create(cluster.redisUrl());
        try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("INFO memory\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("used_memory:")) {
                    return Long.parseLong(line.substring("used_memory:".length()).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gateway {@code index}'s used heap in bytes ({@code jvm_memory_used_bytes{area="heap"}}), or -1. */
    double gatewayHeapBytes(int index) {
        Prometheus gateway = Prometheus.scrape(cluster.gatewayMetricsPorts().get(index));
        return gateway == null ? -1 : gateway.sum("jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** Gateway {@code index}'s open client connections ({@code im_gateway_connections}), or -1. */
    double gatewayConnections(int index) {
        Prometheus gateway = Prometheus.scrape(cluster.gatewayMetricsPorts().get(index));
        return gateway == null ? -1 : gateway.sum("im_gateway_connections");
    }

    /**
     * Asks the named service's JVM for a full GC ({@code jcmd <pid> GC.run}) and waits for it; false when that is not
     * possible (no jcmd, another user).
     */
    boolean forceGc(String service) {
        Long pid = cluster.pids().get(service);
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (pid == null || !Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident set size of the named service in bytes ({@code VmRSS} of {@code /proc/<pid>/status}), or -1. */
    long rssBytes(String service) {
        Long pid = cluster.pids().get(service);
        if (pid == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * CPU seconds (user + system) each process has used so far: every service by name, {@code redis}, and this JVM
     * as {@code bench} and {@code kafka+launcher}. Empty where {@code /proc} is not readable.
     */
    Map<String, Double> cpuSeconds() {
        Map<String, Long> pids = new LinkedHashMap<>(cluster.pids());
        ProcessHandle.current().children()
                .filter(child -> child.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .findFirst().ifPresent(redis -> pids.put("redis", redis.pid()));
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            double cpu = cpuSeconds(pid);
            if (cpu >= 0) {
                seconds.put(name, cpu);
            }
        });
        cluster.postgresPid().ifPresent(postmaster -> {
            // the server and its backends (one per connection): the services' pools keep theirs for the run
            double cpu = Math.max(0, cpuSeconds(postmaster));
            for (ProcessHandle backend : ProcessHandle.of(postmaster).map(handle -> handle.descendants().toList())
                    .orElse(List.of())) {
                cpu += Math.max(0, cpuSeconds(backend.pid()));
            }
            seconds.put("postgresql", cpu);
        });
        double own = cpuSeconds(ProcessHandle.current().pid());
        if (own >= 0) {
            double generator = generatorCpuSeconds();
            seconds.put("bench", generator);
            seconds.put("kafka+launcher", own - generator);
        }
        return seconds;
    }

    /** CPU seconds of this JVM's generator threads: the event loops ({@code bench-*}) and {@code main}. */
    private static double generatorCpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            String name = thread == null ? "" : thread.getThreadName();
            if (name.startsWith("bench") || name.equals("main")) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // fields after the command, which is in parentheses and may hold spaces: state is field 3, utime 14
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Prometheus require(Prometheus scraped, String service, int port) {
        if (scraped == null) {
            throw new IllegalStateException("cannot read " + service + "'s metrics on port " + port);
        }
        return scraped;
    }
}
