package dev.switchboard.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's latency files in its out directory: one HdrHistogram interval log per series ({@code ack.hlog},
 * {@code delivery.hlog}, {@code login.hlog}; one histogram per second, values in microseconds, max column in ms), which
 * HdrHistogram's HistogramLogProcessor and plotters read, and at the end a percentile distribution per series
 * ({@code ack-percentiles.txt}, values in milliseconds).
 */
final class LatencyLog implements AutoCloseable {

    private final Path directory;
    private final Map<String, HistogramLogWriter> writers = new LinkedHashMap<>();
    private final long startMillis = System.currentTimeMillis();

    LatencyLog(Path directory) {
        this.directory = directory;
    }

    /** Appends one interval histogram to {@code <series>.hlog}; empty intervals are skipped. */
    synchronized void write(String series, Histogram interval) {
        if (interval == null || interval.getTotalCount() == 0) {
            return;
        }
        double start = Math.max(0, interval.getStartTimeStamp() - startMillis) / 1000.0;
        double end = Math.max(0, interval.getEndTimeStamp() - startMillis) / 1000.0;
        writers.computeIfAbsent(series, this::open).outputIntervalHistogram(start, Math.max(start, end), interval,
                1000.0);
    }

    /** Writes {@code <series>-percentiles.txt}: the percentile distribution in milliseconds. */
    void percentiles(String series, Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return;
        }
        Path file = directory.resolve(series + "-percentiles.txt");
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(out, 5, 1000.0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private HistogramLogWriter open(String series) {
        Path file = directory.resolve(series + ".hlog");
        try {
            HistogramLogWriter writer = new HistogramLogWriter(file.toFile());
            writer.outputComment("switchboard bench: " + series + " latency in microseconds (max column in ms)");
            writer.outputLogFormatVersion();
            writer.outputBaseTime(startMillis);
            writer.outputStartTime(startMillis);
            writer.outputLegend();
            return writer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        writers.values().forEach(HistogramLogWriter::close);
        writers.clear();
    }
}
