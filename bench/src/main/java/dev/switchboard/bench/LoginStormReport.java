package dev.switchboard.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code login-storm} reports: its figures (the storm's logins; every message, and apart the first messages after
 * login, the flowing messages to storm users and those between base users), the phrases saying what failed, its
 * latency files and its human table.
 */
final class LoginStormReport {

    private LoginStormReport() {
    }

    /**
     * What became of the messages.
     *
     * @param all     every message of the run
     * @param first   the first message to each storm user, sent at its login answer
     * @param toStorm the flowing messages to storm users (sent after their login)
     */
    record Outcomes(MessageTable.Outcome all, MessageTable.Outcome first, MessageTable.Outcome toStorm) {

        /** The flowing messages between base users. */
        MessageTable.Outcome betweenBase() {
            return all.minus(first).minus(toStorm);
        }
    }

    /** The storm's logins and what became of the messages, into {@code summary}. */
    static void figures(Map<String, Object> summary, Fleet.Logins storm, Window window, Outcomes outcomes,
                        Stats stats) {
        summary.put("storm_logins_ok", storm.connections().size());
        summary.put("storm_logins_failed", storm.failed());
        summary.put("storm_login_failures", storm.failures());
        summary.put("storm_login_seconds", Report.round(storm.seconds(), 2));
        summary.put("storm_logins_per_sec", Report.round(storm.connections().size() / storm.seconds(), 1));
        Report.latencies(summary, "storm_login", storm.latencies());
        summary.put("storm_window_seconds", Report.round(window.seconds(), 1));
        Report.latencies(summary, "ack", window.ackTotal());
        Report.latencies(summary, "delivery", window.deliveryTotal());
        summary.put("sent", stats.sent.sum());
        summary.put("acked", stats.acked.sum());
        summary.put("delivered", stats.delivered.sum());
        summary.put("unacked", outcomes.all().unacked());
        summary.put("lost", outcomes.all().lost());
        summary.put("duplicates", stats.duplicates.sum());
        summary.put("first_message_after_login", counts(outcomes.first()));
        summary.put("flowing_to_storm_users", counts(outcomes.toStorm()));
        summary.put("flowing_between_base_users", counts(outcomes.betweenBase()));
        summary.put("errors", stats.errorCount());
        summary.put("error_kinds", stats.errors());
    }

    private static Map<String, Object> counts(MessageTable.Outcome outcome) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("sent", outcome.messages());
        counts.put("acked", outcome.messages() - outcome.unacked());
        counts.put("delivered", outcome.deliveries());
        counts.put("unacked", outcome.unacked());
        counts.put("lost", outcome.lost());
        return counts;
    }

    /**
     * What failed, one phrase per kind; empty when the run passed.
     *
     * @param server what the gateways counted meanwhile (skipped deliveries, unconfirmed logins); null when the bench
     *               drives servers it did not start
     */
    static List<String> failures(Fleet.Logins storm, Outcomes outcomes, LoginStormScenario.ServerSide server) {
        List<String> failures = new ArrayList<>();
        if (storm.failed() > 0) {
            failures.add(storm.failed() + " of " + (storm.connections().size() + storm.failed())
                    + " storm logins failed " + storm.failures()
                    + (storm.failures().containsKey(LoginFailures.CLOSED_DURING_LOGIN)
                    ? " (" + LoginFailures.CLOSED_DURING_LOGIN_HINT + ")" : ""));
        }
        List<String> lost = new ArrayList<>();
        lost(lost, outcomes.first(), "first messages after login (sent at the storm user's login answer)");
        lost(lost, outcomes.toStorm(), "flowing messages to storm users");
        lost(lost, outcomes.betweenBase(), "flowing messages between base users");
        if (!lost.isEmpty()) {
            failures.add("messages lost (acknowledged, never delivered to their online recipient): "
                    + String.join(", ", lost));
        }
        if (outcomes.all().unacked() > 0) {
            failures.add(outcomes.all().unacked() + " of " + outcomes.all().messages()
                    + " messages never acknowledged by the server"
                    + (server == null || server.dropped().isEmpty() ? ""
                    : " (the gateways dropped " + server.dropped() + ")"));
        }
        if (server != null && server.skipped() > 0) {
            failures.add("the gateways skipped " + server.skipped() + " live deliveries"
                    + " (im_gateway_deliveries_skipped_total)");
        }
        if (server != null && server.unconfirmed() > 0) {
            failures.add(server.unconfirmed() + " logins were answered before presence held them"
                    + " (im_gateway_logins_unconfirmed_total)");
        }
        return failures;
    }

    private static void lost(List<String> lost, MessageTable.Outcome outcome, String kind) {
        if (outcome.lost() > 0) {
            lost.add(outcome.lost() + " of " + outcome.messages() + " " + kind);
        }
    }

    /** The login, ack and delivery percentile files and {@code latency.png} in {@code directory}. */
    static void latencyFiles(Path directory, LatencyLog log, Fleet.Logins storm, Window window) {
        log.write("login", storm.latencies());
        log.percentiles("login", storm.latencies());
        log.percentiles("ack", window.ackTotal());
        log.percentiles("delivery", window.deliveryTotal());
        LatencyPlot.write(directory.resolve("latency.png"), "login-storm: "
                + storm.connections().size() + " storm logins", List.of(
                new LatencyPlot.Series("storm login", storm.latencies()),
                new LatencyPlot.Series("ack", window.ackTotal()),
                new LatencyPlot.Series("delivery", window.deliveryTotal())));
    }

    /** Prints the human table of a passing run's {@code summary}. */
    static void table(Map<String, Object> summary, PrintStream out) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("target", summary.get("target"));
        rows.put("base users / storm users", summary.get("users") + " / " + summary.get("storm_users"));
        rows.put("storm logins ok / failed", summary.get("storm_logins_ok") + " / "
                + summary.get("storm_logins_failed"));
        rows.put("storm logins/s (seconds)", summary.get("storm_logins_per_sec") + " ("
                + summary.get("storm_login_seconds") + " s)");
        rows.put("login latency p50/p99/p99.9/max ms", Report.quartet(summary, "storm_login"));
        rows.put("offered msgs/s (base)", summary.get("offered_per_sec"));
        rows.put("sent / acked / delivered", summary.get("sent") + " / " + summary.get("acked") + " / "
                + summary.get("delivered"));
        rows.put("unacked / lost / duplicates", summary.get("unacked") + " / " + summary.get("lost") + " / "
                + summary.get("duplicates"));
        rows.put("first msg at login sent/deliv/lost", triple(summary.get("first_message_after_login")));
        rows.put("to storm users sent/deliv/lost", triple(summary.get("flowing_to_storm_users")));
        rows.put("between base users sent/deliv/lost", triple(summary.get("flowing_between_base_users")));
        rows.put("ack latency p50/p99/p99.9/max ms", Report.quartet(summary, "ack"));
        rows.put("delivery latency p50/p99/p99.9/max ms", Report.quartet(summary, "delivery"));
        rows.put("deliveries skipped / logins unconfirmed", summary.get("deliveries_skipped") + " / "
                + summary.get("logins_unconfirmed"));
        rows.put("errors", summary.get("errors") + " " + summary.get("error_kinds"));
        rows.put("results", summary.get("out"));
        Report.table(out, "login-storm results", rows);
    }

    private static String triple(Object counts) {
        Map<?, ?> map = (Map<?, ?>) counts;
        return map.get("sent") + " / " + map.get("delivered") + " / " + map.get("lost");
    }
}
