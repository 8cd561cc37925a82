package dev.switchboard.bench;

import java.io.PrintStream;
import java.util.Map;

/** One {@code ./switchboard bench} scenario: its options, its run, and its part of the human report. */
interface Scenario {

    String name();

    /** One line for {@code ./switchboard bench --help}. */
    String summary();

    /** Its own options, declared with their defaults (the common ones are added by {@link Context#common}). */
    Options options();

    /**
     * Runs it.
     *
     * @return its figures, in the order the JSON summary lists them
     * @throws IllegalArgumentException for options that cannot work together (a usage error)
     */
    Map<String, Object> run(Options options, Context context);

    /** Prints the human table of {@code summary}. */
    default void table(Map<String, Object> summary, PrintStream out) {
        Report.table(out, name() + " results", Report.messagingRows(summary));
    }
}
