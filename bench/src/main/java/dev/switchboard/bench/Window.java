package dev.switchboard.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One measured stretch of a run (after the warmup, or one {@code --max} step), in two senses. Its <em>messages</em>
 * are those with indexes from {@link #first} until {@link #close}: their ack and delivery latencies, counted from each
 * message's intended send time (open loop, so a stalled server cannot hide its queue: no coordinated omission), go to
 * HdrHistogram recorders in microseconds, however late they arrive. Its <em>time</em> runs from its first intended
 * send to its planned end: the acks and deliveries arriving in it give the throughput. {@link #intervals} takes what
 * was recorded since its last call, for the {@code .hlog} files and the running totals.
 */
final class Window {

    /** Latencies up to an hour, 3 significant digits. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    final long first;
    private volatile long end = Long.MAX_VALUE;
    private final long startNanos;
    private volatile long endNanos;
    private final Recorder ack = new Recorder(HIGHEST_MICROS, 3);
    private final Recorder delivery = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram ackTotal = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram deliveryTotal = new Histogram(HIGHEST_MICROS, 3);
    /** Acks and deliveries that arrived while the window's time ran, whichever message they were for. */
    final LongAdder ackedDuring = new LongAdder();
    final LongAdder deliveredDuring = new LongAdder();
    private Histogram ackInterval;
    private Histogram deliveryInterval;

    Window(long first, long startNanos, long endNanos) {
        this.first = first;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
    }

    boolean contains(long index) {
        return index >= first && index < end;
    }

    boolean during(long nanos) {
        return nanos >= startNanos && nanos < endNanos;
    }

    /**
     * No message from {@code nextIndex} on belongs to the window, and its time ends at {@code endNanos} (a window
     * opened without a known end, {@link Long#MAX_VALUE}, gets it here).
     */
    void close(long nextIndex, long endNanos) {
        this.endNanos = endNanos;
        end = nextIndex;
    }

    /** Messages that belong to the window: those sent in it once it is closed. */
    long messages() {
        return end == Long.MAX_VALUE ? 0 : end - first;
    }

    /** The window's length in seconds, once closed. */
    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    void ackLatency(long nanos) {
        ack.recordValue(micros(nanos));
    }

    void deliveryLatency(long nanos) {
        delivery.recordValue(micros(nanos));
    }

    /**
     * Moves the latencies recorded since the last call into the totals; {@link #ackInterval()} and
     * {@link #deliveryInterval()} then hold them.
     */
    synchronized void intervals() {
        ackInterval = ack.getIntervalHistogram(ackInterval);
        deliveryInterval = delivery.getIntervalHistogram(deliveryInterval);
        ackTotal.add(ackInterval);
        deliveryTotal.add(deliveryInterval);
    }

    synchronized Histogram ackInterval() {
        return ackInterval;
    }

    synchronized Histogram deliveryInterval() {
        return deliveryInterval;
    }

    /** Ack latencies (µs) of the window's messages taken so far by {@link #intervals()}. */
    synchronized Histogram ackTotal() {
        return ackTotal.copy();
    }

    /** Delivery latencies (µs) of the window's messages taken so far by {@link #intervals()}. */
    synchronized Histogram deliveryTotal() {
        return deliveryTotal.copy();
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
    }
}
