package dev.switchboard.bench;

import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One messaging run against one target, shared by {@code p2p}, {@code group} and {@code routing-compare}: start the
 * target, log every user in, wait until they show online, send on an open-loop schedule (a fixed rate after a warmup,
 * or {@code --max} steps), drain, and sum up: throughput in the measured window, latencies, what was lost or
 * duplicated, delivery records per message from Switchboard's metrics, CPU per process.
 */
final class MessagingRun {

    /**
     * The messages of a scenario, built once the users are logged in.
     *
     * @param table             the message table (how many recipients each message has)
     * @param source            picks sender and recipient for each message and sends it
     * @param recipientGateways gateways that hold a message's recipients (1 for 1:1, those hosting group members)
     */
    record Load(MessageTable table, Traffic.Source source, int recipientGateways) {
    }

    /** Builds the {@link Load} from the logged-in connections, in plan order. */
    @FunctionalInterface
    interface LoadBuilder {
        Load build(List<BenchConnection> connections);
    }

    /**
     * How to step the rate in {@code --max} mode.
     *
     * @param step   how long each step sends
     * @param factor rate multiplier from one step to the next
     */
    record Stepping(Duration step, double factor) {
    }

    /** Stop stepping when fewer than this share of the offered messages are acknowledged or delivered in a step. */
    private static final double SUSTAINED = 0.95;
    private static final long MAX_P99_MICROS = 1_000_000;
    /** After the drain, how long the history writer may take to commit the last messages before the figures. */
    private static final Duration HISTORY_CATCH_UP = Duration.ofSeconds(60);

    /**
     * What a run found.
     *
     * @param summary  the figures (without scenario and parameters)
     * @param ack      ack latencies (µs) of the measured window's messages
     * @param delivery delivery latencies (µs) of the measured window's messages
     */
    record Result(Map<String, Object> summary, Histogram ack, Histogram delivery) {
    }

    private final Context context;
    private final Path directory;
    private final String title;

    /**
     * @param directory where this run's latency files and plot go
     * @param title     the plot's title
     */
    MessagingRun(Context context, Path directory, String title) {
        this.context = context;
        this.directory = directory;
        this.title = title;
    }

    /**
     * Runs it.
     *
     * @param requireAll fail unless every user logs in (a group's recipient count is fixed)
     * @param stepping   null for one fixed-rate window after the warmup
     */
    Result run(Target.Request request, boolean requireAll, double rate, Duration warmup,
                            Duration duration, Stepping stepping, LoadBuilder loads) {
        createDirectories(directory);
        Stats stats = new Stats();
        Map<String, Object> summary = new LinkedHashMap<>();
        Window measured;
        try (Target target = context.open(request);
             Fleet fleet = context.fleet(stats);
             LatencyLog log = new LatencyLog(directory)) {
            summary.put("target", target.describe());
            Fleet.Logins logins = context.login(fleet, target, Context.spread(target, request.users()));
            List<BenchConnection> connections = logins.connections();
            if (connections.size() < 2 || (requireAll && logins.failed() > 0)) {
                throw new BenchFailure("logins_failed", new IllegalStateException(logins.failed() + " of "
                        + request.users() + " logins failed: " + stats.errors()));
            }
            context.awaitOnline(connections, Duration.ofSeconds(60));
            context.awaitQuiet(stats, Duration.ofSeconds(120));
            Load load = loads.build(connections);
            fleet.table(load.table());
            Optional<ClusterProbe> probe = target.probe();
            ClusterProbe.Counters before = probe.map(ClusterProbe::counters).orElse(null);
            Map<String, Double> cpuBefore = new LinkedHashMap<>();
            Map<String, Double> cpuAfter = new LinkedHashMap<>();
            List<Map<String, Object>> steps = new ArrayList<>();
            String stoppedBecause = null;
            try (Traffic traffic = new Traffic(stats, load.table(), log, context.out)) {
                if (stepping == null) {
                    measured = traffic.run(load.source(), rate, warmup, duration, "measure",
                            () -> probe.ifPresent(p -> cpuBefore.putAll(p.cpuSeconds())));
                    probe.ifPresent(p -> cpuAfter.putAll(p.cpuSeconds()));
                    traffic.drain(context.drain());
                } else {
                    traffic.run(load.source(), rate, warmup, Duration.ZERO, "warmup");
                    Window best = null;
                    Window last = null;
                    double capacity = (double) connections.size() * context.rateCap();
                    for (double stepRate = rate; ; stepRate *= stepping.factor()) {
                        if (stepRate > capacity) {
                            stoppedBecause = String.format("the next rate %.0f/s is more than the connections x"
                                    + " --rate-cap-per-connection (%.0f/s): add users to go further", stepRate,
                                    capacity);
                            break;
                        }
                        Map<String, Double> stepCpu = probe.map(ClusterProbe::cpuSeconds).orElse(Map.of());
                        last = traffic.run(load.source(), stepRate, Duration.ZERO, stepping.step(),
                                "step " + (steps.size() + 1));
                        Map<String, Double> stepCpuAfter = probe.map(ClusterProbe::cpuSeconds).orElse(Map.of());
                        traffic.drain(context.drain());
                        Map<String, Object> step = step(last, load.table(), stepRate);
                        steps.add(step);
                        context.out.println("step " + steps.size() + ": " + Report.json(step));
                        if (!(Boolean) step.get("sustained")) {
                            stoppedBecause = "step " + steps.size() + " at " + Math.round(stepRate) + " msgs/s: "
                                    + step.get("failed");
                            break;
                        }
                        best = last;
                        cpuBefore.clear();
                        cpuBefore.putAll(stepCpu);
                        cpuAfter.clear();
                        cpuAfter.putAll(stepCpuAfter);
                    }
                    measured = best != null ? best : last;
                }
            }
            if (measured == null) {
                throw new IllegalArgumentException("--rate is more than the connections can send: nothing measured");
            }
            figures(summary, measured, load, rate, stats, steps, stoppedBecause);
            summary.put("deliveries_per_message_per_gateway", before == null ? null
                    : deliveries(probe.get().counters().minus(before), load.recipientGateways()));
            cpu(summary, cpuBefore, cpuAfter, measured);
            probe.ifPresent(p -> summary.putAll(p.history(HISTORY_CATCH_UP)));
            latencyFiles(log, measured);
        }
        summary.put("out", directory.toString());
        return new Result(summary, measured.ackTotal(), measured.deliveryTotal());
    }

    private static Map<String, Object> step(Window window, MessageTable table, double rate) {
        MessageTable.Outcome outcome = table.outcome(window.first, window.first + window.messages());
        Histogram ack = window.ackTotal();
        Histogram delivery = window.deliveryTotal();
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("rate", Math.round(rate));
        step.put("acked_per_sec", Report.round(window.ackedDuring.sum() / window.seconds(), 1));
        step.put("delivered_per_sec", Report.round(window.deliveredDuring.sum() / window.seconds(), 1));
        Report.latencies(step, "ack", ack);
        Report.latencies(step, "delivery", delivery);
        step.put("unacked", outcome.unacked());
        step.put("lost", outcome.lost());
        List<String> failed = new ArrayList<>();
        if (window.ackedDuring.sum() < SUSTAINED * rate * window.seconds()) {
            failed.add("acked rate below 95% of offered");
        }
        if (window.deliveredDuring.sum() < SUSTAINED * rate * table.expected() * window.seconds()) {
            failed.add("delivered rate below 95% of offered");
        }
        if (ack.getTotalCount() == 0 || ack.getValueAtPercentile(99) > MAX_P99_MICROS) {
            failed.add("ack p99 above 1 s");
        }
        if (delivery.getTotalCount() == 0 || delivery.getValueAtPercentile(99) > MAX_P99_MICROS) {
            failed.add("delivery p99 above 1 s");
        }
        if (outcome.lost() > 0 || outcome.unacked() > 0) {
            failed.add("messages lost or unacknowledged");
        }
        step.put("sustained", failed.isEmpty());
        step.put("failed", failed.isEmpty() ? null : String.join(", ", failed));
        return step;
    }

    private static void figures(Map<String, Object> summary, Window window, Load load, double rate, Stats stats,
                                List<Map<String, Object>> steps, String stoppedBecause) {
        double acked = window.ackedDuring.sum() / window.seconds();
        double delivered = window.deliveredDuring.sum() / window.seconds();
        int expected = load.table().expected();
        summary.put("offered_per_sec", steps.isEmpty() ? Report.round(rate, 1) : steps.stream()
                .filter(step -> (Boolean) step.get("sustained")).map(step -> step.get("rate")).reduce((a, b) -> b)
                .orElse(steps.get(steps.size() - 1).get("rate")));
        summary.put("msgs_per_sec", Report.round(Math.min(acked, delivered / expected), 1));
        summary.put("acked_per_sec", Report.round(acked, 1));
        summary.put("delivered_per_sec", Report.round(delivered, 1));
        Report.latencies(summary, "ack", window.ackTotal());
        Report.latencies(summary, "delivery", window.deliveryTotal());
        MessageTable.Outcome outcome = load.table().outcome();
        summary.put("sent", stats.sent.sum());
        summary.put("acked", stats.acked.sum());
        summary.put("delivered", stats.delivered.sum());
        summary.put("recipients_per_message", expected);
        summary.put("unacked", outcome.unacked());
        summary.put("lost", outcome.lost());
        summary.put("lost_messages", outcome.lostMessages());
        summary.put("delivered_unacked", outcome.deliveredUnacked());
        summary.put("duplicates", stats.duplicates.sum());
        summary.put("errors", stats.errorCount());
        summary.put("error_kinds", stats.errors());
        if (!steps.isEmpty()) {
            Map<String, Object> max = new LinkedHashMap<>();
            max.put("sustained_rate", steps.stream().filter(step -> (Boolean) step.get("sustained"))
                    .map(step -> step.get("rate")).reduce((a, b) -> b).orElse(null));
            max.put("stopped_because", stoppedBecause);
            max.put("steps", steps);
            summary.put("max", max);
        }
    }

    /** Delivery records per message from route-service's counter, and each gateway's deliveries per message. */
    private static Map<String, Object> deliveries(ClusterProbe.Counters delta, int recipientGateways) {
        Map<String, Object> result = new LinkedHashMap<>();
        double messages = delta.routedMessages();
        result.put("routed_messages", Math.round(messages));
        double perMessage = messages == 0 ? 0 : delta.routeRecords() / messages;
        result.put("route_records_per_message", Report.round(perMessage, 3));
        result.put("recipient_gateways_per_message", recipientGateways);
        result.put("records_per_message_per_gateway", Report.round(perMessage / recipientGateways, 3));
        Map<String, Object> gateways = new LinkedHashMap<>();
        delta.gatewayDeliveries().forEach((gateway, results) -> {
            Map<String, Object> perResult = new LinkedHashMap<>();
            results.forEach((label, value) -> {
                if (value != 0) {
                    perResult.put(label, Report.round(messages == 0 ? 0 : value / messages, 3));
                }
            });
            gateways.put(gateway, perResult);
        });
        result.put("gateway_deliveries_per_message", gateways);
        return result;
    }

    private static void cpu(Map<String, Object> summary, Map<String, Double> before, Map<String, Double> after,
                            Window window) {
        if (before.isEmpty() || after.isEmpty()) {
            summary.put("cpu_seconds", null);
            summary.put("cpu_seconds_per_1000_msgs", null);
            return;
        }
        Map<String, Object> used = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> process : after.entrySet()) {
            double seconds = process.getValue() - before.getOrDefault(process.getKey(), process.getValue());
            used.put(process.getKey(), Report.round(seconds, 2));
            total += seconds;
        }
        used.put("total", Report.round(total, 2));
        summary.put("cpu_seconds", used);
        long acked = window.ackedDuring.sum();
        summary.put("cpu_seconds_per_1000_msgs", acked == 0 ? null : Report.round(total / (acked / 1000.0), 4));
    }

    private void latencyFiles(LatencyLog log, Window window) {
        Histogram ack = window.ackTotal();
        Histogram delivery = window.deliveryTotal();
        log.percentiles("ack", ack);
        log.percentiles("delivery", delivery);
        LatencyPlot.write(directory.resolve("latency.png"), title, List.of(
                new LatencyPlot.Series("ack", ack), new LatencyPlot.Series("delivery", delivery)));
    }

    static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }
}
