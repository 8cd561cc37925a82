package dev.switchboard.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's counters, updated from every event loop: messages sent, acknowledged, delivered, duplicates, and errors
 * by kind (a bounded set of names: connect_failed, login_rejected_6, disconnected, ...). The current {@link Window}
 * also gets the latencies of its messages and the acks and deliveries arriving in its time.
 */
final class Stats {

    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    /** Frames that are neither messages, acks nor answers: status notices and the like, ignored. */
    final LongAdder notices = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile Window window;

    void error(String kind) {
        errors.computeIfAbsent(kind, key -> new LongAdder()).increment();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Errors by kind, sorted by name. */
    Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    Window window() {
        return window;
    }

    void window(Window current) {
        window = current;
    }

    void sent() {
        sent.increment();
    }

    /** The first ack of message {@code index}, arriving at {@code nowNanos}, {@code latencyNanos} after it was due. */
    void acked(long index, long nowNanos, long latencyNanos) {
        acked.increment();
        Window current = window;
        if (current != null) {
            if (current.contains(index)) {
                current.ackLatency(latencyNanos);
            }
            if (current.during(nowNanos)) {
                current.ackedDuring.increment();
            }
        }
    }

    /** A (not duplicate) delivery of message {@code index}. */
    void delivered(long index, long nowNanos, long latencyNanos) {
        delivered.increment();
        Window current = window;
        if (current != null) {
            if (current.contains(index)) {
                current.deliveryLatency(latencyNanos);
            }
            if (current.during(nowNanos)) {
                current.deliveredDuring.increment();
            }
        }
    }
}
