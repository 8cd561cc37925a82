package dev.switchboard.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ./switchboard bench <scenario> [options]}: a TeamTalk-protocol load generator. By default it starts its own
 * local Switchboard cluster for the scenario (and stops it at the end, or on Ctrl-C); with {@code --servers} it drives
 * any TeamTalk-compatible msg_servers. It prints a progress line every second, a table at the end and, as the last
 * line of stdout, the JSON summary; the out directory gets the summary, the latency logs and {@code latency.png}.
 * Exit code 0 when the run completed (whatever it measured, except below), 2 for a usage error, 1 when the run failed
 * or measured a failure that a scenario does not tolerate ({@link MeasurementFailure}: failed logins, lost
 * messages), which it then reports in one line instead of the table.
 */
public final class Bench {

    static final List<Scenario> SCENARIOS = List.of(new P2pScenario(), new GroupScenario(),
            new ConnectionsScenario(), new RoutingCompareScenario(), new LoginStormScenario());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private Bench() {
    }

    public static void main(String[] args) {
        // before anything touches SLF4J: logs go to stderr, stdout carries the results
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
        System.setProperty("java.awt.headless", "true");
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int code = run(args, out, System.err, null);
        out.flush();
        System.exit(code);
    }

    /**
     * Runs {@code <scenario> [options]}.
     *
     * @param localTargets where local clusters come from; null: {@link LocalTarget#factory} from {@code --home}
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err, Target.Factory localTargets) {
        Map<String, Scenario> byName = SCENARIOS.stream()
                .collect(Collectors.toMap(Scenario::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<String> rest = new ArrayList<>(List.of(args));
        String name = rest.stream().filter(byName::containsKey).findFirst().orElse(null);
        if (name == null && rest.stream().anyMatch(arg -> List.of("--help", "-h", "help").contains(arg))) {
            out.print(usage());
            return 0;
        }
        if (name == null) {
            err.println("switchboard bench: no scenario given (" + String.join(", ", byName.keySet()) + ")");
            err.print(usage());
            return 2;
        }
        rest.remove(name);
        Scenario scenario = byName.get(name);
        Options options;
        try {
            options = Context.common(scenario.options()).parse(rest.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            err.println("switchboard bench " + name + ": " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(options.usage());
            return 0;
        }
        try {
            Path home = Path.of(options.string("home")).toAbsolutePath().normalize();
            Path directory = options.string("out").isBlank()
                    ? home.resolve("target").resolve("bench").resolve(name + "-" + LocalDateTime.now().format(STAMP))
                    : Path.of(options.string("out")).toAbsolutePath().normalize();
            Target.Factory factory = localTargets != null ? localTargets
                    : LocalTarget.factory(home, directory, options.duration("startup-timeout"), out);
            Context context = new Context(out, directory, options, factory);
            Map<String, Object> summary;
            try {
                summary = summary(name, options, directory, scenario.run(options, context));
            } catch (MeasurementFailure e) {
                Map<String, Object> figures = e.figures();
                figures.put("failed", e.getMessage());
                summary(name, options, directory, figures);
                err.println("switchboard bench " + name + ": FAILED: " + e.getMessage() + " (figures: "
                        + directory.resolve("summary.json") + ")");
                return 1;
            }
            scenario.table(summary, out);
            out.println();
            out.println(Report.json(summary));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("switchboard bench " + name + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("switchboard bench " + name + ": failed: " + e.getMessage());
            return 1;
        }
    }

    /** The summary of a run: scenario, parameters, then its figures; also written to {@code summary.json}. */
    private static Map<String, Object> summary(String name, Options options, Path directory,
                                               Map<String, Object> figures) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", name);
        summary.put("parameters", parameters(options));
        summary.putAll(figures);
        MessagingRun.createDirectories(directory);
        Report.writeJson(directory.resolve("summary.json"), summary);
        return summary;
    }

    /** The options' values, numbers and flags as JSON numbers and booleans. */
    private static Map<String, Object> parameters(Options options) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        options.values().forEach((key, value) -> {
            if (key.equals("home") || key.equals("password")) {
                return;
            }
            parameters.put(key, typed(value));
        });
        return parameters;
    }

    private static Object typed(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException notNumber) {
                return value;
            }
        }
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                usage: ./switchboard bench <scenario> [options]

                A TeamTalk-protocol load generator. Without --servers it starts a local Switchboard cluster for the
                run (free ports from 18000, its logs under the out directory) and stops it at the end; with
                --servers host:port,... it drives any TeamTalk-compatible msg_servers.

                scenarios:
                """);
        SCENARIOS.forEach(s -> text.append(String.format("  %-16s %s%n", s.name(), s.summary())));
        text.append("""

                ./switchboard bench <scenario> --help lists its options. Every run prints a progress line per second,
                a table, and a final JSON line; <out>/summary.json, ack.hlog, delivery.hlog (HdrHistogram interval
                logs), *-percentiles.txt and latency.png hold the details.
                """);
        return text.toString();
    }

}
