package dev.switchboard.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The message phase of a run: an open-loop schedule (message k is due at start + k / rate, whatever became of the
 * earlier ones, and its latencies count from that due time), a progress line every second, and the drain that waits
 * for the last acks and deliveries.
 */
final class Traffic implements AutoCloseable {

    /** Sends one message due at {@code intendedNanos}: picks sender and recipient, allocates its index. */
    @FunctionalInterface
    interface Source {
        void send(long intendedNanos);
    }

    private final Stats stats;
    private final MessageTable table;
    private final LatencyLog log;
    private final Ticker ticker;
    private volatile String phase = "warmup";
    private long lastSent;
    private long lastAcked;
    private long lastDelivered;
    private long lastTick = System.nanoTime();

    Traffic(Stats stats, MessageTable table, LatencyLog log, PrintStream out) {
        this.stats = stats;
        this.table = table;
        this.log = log;
        this.ticker = new Ticker(out, this::tick);
    }

    /**
     * Sends {@code rate} messages per second for {@code warmup} then {@code duration}; the messages and the time of
     * the latter are the returned window (closed when the sending stops).
     */
    Window run(Source source, double rate, Duration warmup, Duration duration, String label) {
        return run(source, rate, warmup, duration, label, () -> { });
    }

    /** Like {@link #run(Source, double, Duration, Duration, String)}, calling {@code atWindowStart} as it opens. */
    Window run(Source source, double rate, Duration warmup, Duration duration, String label,
               Runnable atWindowStart) {
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long end = windowStart + duration.toNanos();
        return send(source, rate, start, windowStart, () -> end, label, atWindowStart);
    }

    /**
     * Sends {@code rate} messages per second in one window that opens now and ends {@code after} past the moment
     * {@code until} completes (normally or not): a phase whose length is not known in advance, such as a login storm.
     */
    Window run(Source source, double rate, CompletionStage<?> until, Duration after, String label) {
        AtomicLong end = new AtomicLong(Long.MAX_VALUE);
        until.whenComplete((result, error) -> end.set(System.nanoTime() + after.toNanos()));
        long start = System.nanoTime();
        return send(source, rate, start, start, end::get, label, () -> { });
    }

    /** The open-loop schedule: message k due at start + k / rate until {@code end} (read as it goes). */
    private Window send(Source source, double rate, long start, long windowStart, LongSupplier end, String label,
                        Runnable atWindowStart) {
        double period = 1e9 / rate;
        Window window = null;
        phase = windowStart == start ? label : "warmup";
        for (long k = 0; ; ) {
            long intended = start + (long) (k * period);
            if (intended >= end.getAsLong()) {
                break;
            }
            if (window == null && intended >= windowStart) {
                atWindowStart.run();
                window = open(windowStart, end.getAsLong(), label);
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
                continue;
            }
            source.send(intended);
            k++;
        }
        if (window == null) {
            atWindowStart.run();
            window = open(windowStart, end.getAsLong(), label);
        }
        window.close(table.size(), end.getAsLong());
        return window;
    }

    private Window open(long start, long end, String label) {
        Window window = new Window(table.size(), start, end);
        stats.window(window);
        phase = label;
        return window;
    }

    /**
     * Waits until every sent message is acknowledged and delivered to all its recipients, or {@code timeout}; then
     * takes the last latencies into the window's totals.
     */
    void drain(Duration timeout) {
        phase = "drain";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !settled()) {
            LockSupport.parkNanos(20_000_000);
        }
        flush();
    }

    /**
     * Whether every message is acknowledged and delivered: counted against the messages allocated, not those already
     * written, since a message whose send is still queued on its connection's event loop is not written yet.
     */
    private boolean settled() {
        long sent = Math.max(stats.sent.sum(), table.size());
        return stats.acked.sum() >= sent && stats.delivered.sum() >= sent * table.expected();
    }

    /** Takes what the current window recorded into its totals and the latency logs. */
    synchronized void flush() {
        Window window = stats.window();
        if (window != null) {
            window.intervals();
            log.write("ack", window.ackInterval());
            log.write("delivery", window.deliveryInterval());
        }
    }

    private synchronized String tick(double elapsed) {
        flush();
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastTick) / 1e9);
        long sent = stats.sent.sum();
        long acked = stats.acked.sum();
        long delivered = stats.delivered.sum();
        String line = String.format("[%6.1fs] %-8s sent %8.0f/s  acked %8.0f/s  delivered %9.0f/s  in flight %7d"
                        + "  errors %d", elapsed, phase, (sent - lastSent) / seconds, (acked - lastAcked) / seconds,
                (delivered - lastDelivered) / seconds, sent - acked, stats.errorCount());
        lastSent = sent;
        lastAcked = acked;
        lastDelivered = delivered;
        lastTick = now;
        return line;
    }

    @Override
    public void close() {
        ticker.close();
    }
}
