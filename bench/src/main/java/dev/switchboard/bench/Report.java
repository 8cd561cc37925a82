package dev.switchboard.bench;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's results: an ordered map that becomes the final JSON line (and {@code summary.json}), and the human table
 * printed before it. Latencies are in milliseconds; unavailable figures are null.
 */
final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Report() {
    }

    /** {@code <name>_p50}, {@code _p99}, {@code _p999}, {@code _max} in ms of {@code micros}; null when empty. */
    static void latencies(Map<String, Object> into, String name, Histogram micros) {
        boolean empty = micros == null || micros.getTotalCount() == 0;
        into.put(name + "_p50", empty ? null : millis(micros.getValueAtPercentile(50)));
        into.put(name + "_p99", empty ? null : millis(micros.getValueAtPercentile(99)));
        into.put(name + "_p999", empty ? null : millis(micros.getValueAtPercentile(99.9)));
        into.put(name + "_max", empty ? null : millis(micros.getMaxValue()));
    }

    static double millis(long micros) {
        return round(micros / 1000.0, 3);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static String json(Map<String, Object> summary) {
        return JSON.writeValueAsString(summary);
    }

    static void writeJson(Path file, Map<String, Object> summary) {
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Prints {@code rows} (label, value) as a two-column table under a title. */
    static void table(PrintStream out, String title, Map<String, ?> rows) {
        out.println();
        out.println(title);
        out.println("-".repeat(Math.max(20, title.length())));
        rows.forEach((label, value) -> out.printf("  %-34s %s%n", label, text(value)));
    }

    /** Prints columns side by side: one row per label, one column per header. */
    static void sideBySide(PrintStream out, String title, List<String> headers, Map<String, List<?>> rows) {
        out.println();
        out.println(title);
        out.println("-".repeat(Math.max(20, title.length())));
        StringBuilder head = new StringBuilder(String.format("  %-34s", ""));
        headers.forEach(header -> head.append(String.format(" %16s", header)));
        out.println(head);
        rows.forEach((label, values) -> {
            StringBuilder line = new StringBuilder(String.format("  %-34s", label));
            values.forEach(value -> line.append(String.format(" %16s", text(value))));
            out.println(line);
        });
    }

    /** The rows every messaging scenario prints, from its summary. */
    static Map<String, Object> messagingRows(Map<String, Object> summary) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("target", summary.get("target"));
        rows.put("offered msgs/s", summary.get("offered_per_sec"));
        rows.put("msgs/s (acked and delivered)", summary.get("msgs_per_sec"));
        rows.put("acked/s", summary.get("acked_per_sec"));
        rows.put("delivered/s", summary.get("delivered_per_sec"));
        rows.put("ack latency p50/p99/p99.9/max ms", quartet(summary, "ack"));
        rows.put("delivery latency p50/p99/p99.9/max ms", quartet(summary, "delivery"));
        rows.put("sent / acked / delivered", summary.get("sent") + " / " + summary.get("acked") + " / "
                + summary.get("delivered"));
        rows.put("unacked / lost / duplicates", summary.get("unacked") + " / " + summary.get("lost") + " / "
                + summary.get("duplicates"));
        rows.put("delivery records per message", summary.get("deliveries_per_message_per_gateway"));
        rows.put("errors", summary.get("errors") + " " + summary.get("error_kinds"));
        rows.put("results", summary.get("out"));
        return rows;
    }

    static String quartet(Map<String, Object> summary, String name) {
        return text(summary.get(name + "_p50")) + " / " + text(summary.get(name + "_p99")) + " / "
                + text(summary.get(name + "_p999")) + " / " + text(summary.get(name + "_max"));
    }

    private static String text(Object value) {
        if (value == null) {
            return "n/a";
        }
        if (value instanceof Double number) {
            return number == Math.rint(number) && Math.abs(number) < 1e15 ? String.valueOf(number.longValue())
                    : String.valueOf(round(number, 3));
        }
        return String.valueOf(value);
    }
}
