package dev.switchboard.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code routing-compare}: the same p2p load twice on a fresh local cluster each, route-service first in
 * {@code targeted} mode (one delivery record per recipient gateway) then in {@code broadcast} mode (one per live
 * gateway but the origin, as TeamTalk's route_server does), side by side: throughput, latency, delivery records per
 * message, CPU seconds per process in the measured window and CPU per 1000 messages.
 */
final class RoutingCompareScenario implements Scenario {

    static final List<String> MODES = List.of("targeted", "broadcast");

    @Override
    public String name() {
        return "routing-compare";
    }

    @Override
    public String summary() {
        return "the p2p load with route-service targeted, then broadcast (TeamTalk's route_server): side by side";
    }

    @Override
    public Options options() {
        return Context.clientType(new Options(name(), """
                Runs the p2p load twice, each time on a fresh local cluster: route-service with
                switchboard.route.mode=targeted, then broadcast. Reports both side by side: msgs/s, ack and
                delivery latency, delivery records per message (route-service's counter), CPU seconds of every
                process in the measured window (from /proc; Kafka runs in the bench's JVM) and CPU per 1000
                messages. Only with a local cluster.""")
                .option("users", "2000", "connections, one user each")
                .option("gateways", "4", "gateways of each cluster")
                .option("rate", "2000", "messages per second")
                .option("duration", "30s", "how long the measured window sends")
                .option("warmup", "5s", "sending before the measured window"), "pc");
    }

    @Override
    public Map<String, Object> run(Options options, Context context) {
        if (context.external()) {
            throw new IllegalArgumentException("routing-compare starts its own local clusters (one per route"
                    + " mode) and cannot drive --servers: run p2p against each of your servers instead");
        }
        int users = options.integer("users", 2, 10_000_000);
        int gateways = options.integer("gateways", 2, 64);
        double rate = options.number("rate", 0.1);
        context.requireCapacity(rate, users);
        Map<String, Object> modes = new LinkedHashMap<>();
        List<LatencyPlot.Series> curves = new ArrayList<>();
        for (String mode : MODES) {
            context.out.println("=== route mode " + mode + " ===");
            Target.Request request = new Target.Request(mode + "-cluster", gateways, users, mode, List.of(),
                    context.rateCap());
            MessagingRun.Result result = new MessagingRun(context, context.directory.resolve(mode),
                    "p2p, route mode " + mode)
                    .run(request, false, rate, options.duration("warmup"), options.duration("duration"), null,
                            connections -> P2pScenario.load(connections, context));
            modes.put(mode, result.summary());
            curves.add(new LatencyPlot.Series(mode + " ack", result.ack()));
            curves.add(new LatencyPlot.Series(mode + " delivery", result.delivery()));
        }
        LatencyPlot.write(context.directory.resolve("latency.png"), "routing-compare: p2p on " + gateways
                + " gateways, " + Math.round(rate) + " msgs/s", curves);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("modes", modes);
        summary.put("comparison", comparison(modes));
        summary.put("out", context.directory.toString());
        return summary;
    }

    private static Map<String, Object> comparison(Map<String, Object> modes) {
        Map<String, Object> targeted = mode(modes, "targeted");
        Map<String, Object> broadcast = mode(modes, "broadcast");
        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("throughput_ratio_targeted_to_broadcast", ratio(targeted.get("msgs_per_sec"),
                broadcast.get("msgs_per_sec")));
        comparison.put("cpu_per_1000_msgs_ratio_broadcast_to_targeted", ratio(
                broadcast.get("cpu_seconds_per_1000_msgs"), targeted.get("cpu_seconds_per_1000_msgs")));
        comparison.put("route_records_per_message", Map.of("targeted", records(targeted), "broadcast",
                records(broadcast)));
        return comparison;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mode(Map<String, Object> modes, String mode) {
        return (Map<String, Object>) modes.get(mode);
    }

    @SuppressWarnings("unchecked")
    private static Object records(Map<String, Object> mode) {
        Object deliveries = mode.get("deliveries_per_message_per_gateway");
        return deliveries == null ? null : ((Map<String, Object>) deliveries).get("route_records_per_message");
    }

    private static Double ratio(Object numerator, Object denominator) {
        if (!(numerator instanceof Number top) || !(denominator instanceof Number bottom)
                || bottom.doubleValue() == 0) {
            return null;
        }
        return Report.round(top.doubleValue() / bottom.doubleValue(), 3);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void table(Map<String, Object> summary, PrintStream out) {
        Map<String, Object> modes = (Map<String, Object>) summary.get("modes");
        Map<String, Object> targeted = mode(modes, "targeted");
        Map<String, Object> broadcast = mode(modes, "broadcast");
        Map<String, List<?>> rows = new LinkedHashMap<>();
        for (String key : List.of("msgs_per_sec", "acked_per_sec", "delivered_per_sec", "ack_p50", "ack_p99",
                "delivery_p50", "delivery_p99", "sent", "lost", "duplicates", "errors", "cpu_seconds_per_1000_msgs")) {
            rows.put(key, List.of(String.valueOf(targeted.get(key)), String.valueOf(broadcast.get(key))));
        }
        rows.put("route_records_per_message", List.of(String.valueOf(records(targeted)),
                String.valueOf(records(broadcast))));
        Map<String, Object> cpuTargeted = cpu(targeted);
        Map<String, Object> cpuBroadcast = cpu(broadcast);
        for (String process : cpuTargeted.keySet()) {
            rows.put("cpu s " + process, List.of(String.valueOf(cpuTargeted.get(process)),
                    String.valueOf(cpuBroadcast.get(process))));
        }
        Report.sideBySide(out, "routing-compare results", MODES, rows);
        Report.table(out, "comparison", (Map<String, Object>) summary.get("comparison"));
        out.println("  results: " + summary.get("out"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cpu(Map<String, Object> mode) {
        Object cpu = mode.get("cpu_seconds");
        return cpu == null ? Map.of() : (Map<String, Object>) cpu;
    }
}
