package dev.switchboard.bench;

import com.sun.management.UnixOperatingSystemMXBean;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code connections}: C idle, logged-in connections to one gateway, ramped at a fixed login rate. Source addresses
 * 127.0.0.1, 127.0.0.2, ... (one per {@code --per-address} connections) get past the ~28,000 ephemeral ports of one
 * address. Reports the login rate achieved, login latency, failures, and, for a local cluster, the gateway's heap and
 * resident memory per connection: heap is {@code jvm_memory_used_bytes{area="heap"}} after a full GC
 * ({@code jcmd GC.run}) before the ramp and again after it, RSS is {@code VmRSS} at the same two moments.
 */
final class ConnectionsScenario implements Scenario {

    /** Descriptors this process needs besides its connections (jars, Kafka's files and sockets, ...). */
    private static final int OWN_DESCRIPTORS = 1000;

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public String summary() {
        return "C idle logged-in connections to one gateway: login rate, login latency, heap and RSS per connection";
    }

    @Override
    public Options options() {
        return Context.clientType(new Options(name(), """
                Idle connections: --connections users log in to ONE gateway (the first server with --servers) at
                --login-rate with at most --login-concurrency logins under way, then stay connected, sending a
                heartbeat every 30 s, for --hold. Binds source addresses 127.0.0.1, 127.0.0.2, ... (one per
                --per-address connections) when the gateway is on this machine. For a local cluster it reports
                the gateway's heap (after a forced full GC, before and after the ramp) and RSS per connection;
                the gateway gets --gateway-heap (default: 512 MB, or 256 MB + 16 KB per connection if more).
                Every process needs an open-files limit above the connection count: ./switchboard raises its
                soft limit to the hard one, which the services inherit. The connections log in as android
                clients by default: each PC login sends a status notice to every PC connection (as TeamTalk
                does), N x N notices for N connections. Up to --max-login-failures of the logins may fail (they
                are counted in login_failures and the run goes on with the rest); beyond it the run stops before
                the hold and the memory figures, saying how many failed and why (exit code 1). To find where a
                server starts refusing logins, allow them: --max-login-failures 1.""")
                .option("connections", "10000", "idle connections (the target is 100000)")
                .option("per-address", "25000", "connections per source address 127.0.0.x")
                .option("hold", "5s", "how long the connections stay idle before the measurement")
                .option("gateway-heap", "auto", "local cluster: the gateway's -Xmx in MB"), "android");
    }

    @Override
    public Map<String, Object> run(Options options, Context context) {
        int count = options.integer("connections", 1, 10_000_000);
        int perAddress = options.integer("per-address", 1, 60_000);
        requireDescriptors(count, context.external());
        int heapMb = options.string("gateway-heap").equals("auto") ? Math.max(512, 256 + count / 64)
                : options.integer("gateway-heap", 64, 1_000_000);
        MessagingRun.createDirectories(context.directory);
        Stats stats = new Stats();
        Map<String, Object> summary = new LinkedHashMap<>();
        Target.Request request = new Target.Request("cluster", 1, count, "", List.of("-Xmx" + heapMb + "m"),
                context.rateCap());
        try (Target target = context.open(request);
             Fleet fleet = context.fleet(stats);
             LatencyLog log = new LatencyLog(context.directory)) {
            summary.put("target", target.describe());
            InetSocketAddress gateway = target.gateways().get(0);
            boolean bind = gateway.getAddress() != null && gateway.getAddress().isLoopbackAddress();
            List<Fleet.Planned> plan = new ArrayList<>(count);
            for (int slot = 0; slot < count; slot++) {
                InetSocketAddress local = bind ? new InetSocketAddress("127.0.0." + (1 + slot / perAddress), 0) : null;
                plan.add(new Fleet.Planned(target.userName(slot), 0, gateway, local));
            }
            Optional<ClusterProbe> probe = target.probe();
            Memory before = probe.map(ConnectionsScenario::memory).orElse(null);
            Fleet.Logins logins = context.login(fleet, target, plan);
            Duration hold = options.duration("hold");
            context.out.printf("holding %d connections for %s%n", logins.connections().size(), hold);
            Context.sleep(hold.toMillis());
            long reached = logins.connections().stream().filter(BenchConnection::isOpen).count();
            summary.put("connections_target", count);
            summary.put("connections_reached", reached);
            summary.put("gateway_connections", probe.map(p -> Math.round(p.gatewayConnections(0))).orElse(null));
            summary.put("source_addresses", bind ? (count + perAddress - 1) / perAddress : 0);
            summary.put("logins_per_sec", Report.round(logins.connections().size() / logins.seconds(), 1));
            summary.put("login_seconds", Report.round(logins.seconds(), 2));
            summary.put("login_failures", logins.failed());
            Report.latencies(summary, "login", logins.latencies());
            Memory after = probe.map(ConnectionsScenario::memory).orElse(null);
            memory(summary, before, after, reached, heapMb);
            summary.put("errors", stats.errorCount());
            summary.put("error_kinds", stats.errors());
            log.write("login", logins.latencies());
            log.percentiles("login", logins.latencies());
            LatencyPlot.write(context.directory.resolve("latency.png"), "connections: " + count
                    + " logins to one gateway", List.of(new LatencyPlot.Series("connect + login",
                    logins.latencies())));
        }
        summary.put("out", context.directory.toString());
        return summary;
    }

    @Override
    public void table(Map<String, Object> summary, PrintStream out) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("target", summary.get("target"));
        rows.put("connections target / reached", summary.get("connections_target") + " / "
                + summary.get("connections_reached") + " (gateway counts " + summary.get("gateway_connections") + ")");
        rows.put("logins/s", summary.get("logins_per_sec"));
        rows.put("login latency p50/p99/p99.9/max ms", Report.quartet(summary, "login"));
        rows.put("login failures", summary.get("login_failures"));
        rows.put("gateway heap per connection (B)", summary.get("heap_per_connection_bytes"));
        rows.put("gateway RSS per connection (B)", summary.get("rss_per_connection_bytes"));
        rows.put("heap measured", summary.get("heap_measurement"));
        rows.put("errors", summary.get("errors") + " " + summary.get("error_kinds"));
        rows.put("results", summary.get("out"));
        Report.table(out, "connections results", rows);
    }

    /** The gateway's heap and RSS at one moment, after a forced GC when that worked. */
    private record Memory(boolean collected, double heap, long rss) {
    }

    private static Memory memory(ClusterProbe probe) {
        boolean collected = probe.forceGc("gw-0");
        return new Memory(collected, probe.gatewayHeapBytes(0), probe.rssBytes("gw-0"));
    }

    private static void memory(Map<String, Object> summary, Memory before, Memory after, long reached, int heapMb) {
        boolean known = before != null && after != null && reached > 0;
        summary.put("gateway_heap_max_mb", known ? heapMb : null);
        summary.put("heap_before_bytes", known ? Math.round(before.heap()) : null);
        summary.put("heap_after_bytes", known ? Math.round(after.heap()) : null);
        summary.put("heap_per_connection_bytes", known ? Math.round((after.heap() - before.heap()) / reached) : null);
        summary.put("rss_before_bytes", known ? before.rss() : null);
        summary.put("rss_after_bytes", known ? after.rss() : null);
        summary.put("rss_per_connection_bytes", known && before.rss() > 0
                ? Math.round((double) (after.rss() - before.rss()) / reached) : null);
        summary.put("heap_measurement", !known ? null : before.collected() && after.collected()
                ? "jvm_memory_used_bytes{area=heap} after jcmd GC.run, before and after the ramp"
                : "jvm_memory_used_bytes{area=heap} before and after the ramp, without a forced GC (jcmd failed)");
    }

    /** Fails early, saying what to do, when this process cannot open that many sockets. */
    private static void requireDescriptors(int connections, boolean external) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof UnixOperatingSystemMXBean unix)) {
            return;
        }
        long limit = unix.getMaxFileDescriptorCount();
        long needed = connections + (long) OWN_DESCRIPTORS;
        if (needed > limit) {
            throw new IllegalArgumentException("--connections " + connections + " needs about " + needed
                    + " open files in this process" + (external ? "" : " (and as many in the gateway)")
                    + ", but the limit is " + limit + ": raise it (ulimit -n; the hard limit is set in"
                    + " /etc/security/limits.conf or by the container) or lower --connections");
        }
    }
}
