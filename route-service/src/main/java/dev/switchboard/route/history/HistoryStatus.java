package dev.switchboard.route.history;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Where the history writer stands, for the {@code history} health indicator (part of route-service's readiness: DOWN
 * says why: the writer not started yet, its schema migration failing, or the last write failed) and for the gauge
 * {@code im.history.behind.seconds}: how old the oldest message is that a writer thread holds and has not committed
 * yet (0 when every thread is caught up). While PostgreSQL is away the gauge grows with the outage, and the alert
 * {@code SwitchboardHistoryBehind} fires on it.
 */
final class HistoryStatus implements HealthIndicator {

    private final Map<Long, Long> pending = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile boolean migrated;
    private volatile String problem = "writer not started yet";

    HistoryStatus(MeterRegistry meters, LongSupplier clock) {
        this.clock = clock;
        Gauge.builder("im.history.behind.seconds", this, HistoryStatus::behindSeconds)
                .description("Age of the oldest message the history writer has received and not yet committed")
                .register(meters);
    }

    void migrated() {
        migrated = true;
        problem = null;
    }

    void notMigrated(Exception cause) {
        problem = "writer not started: " + describe(cause);
    }

    /** This thread starts writing messages, the oldest published at {@code oldestPublishedMillis}. */
    void writing(long oldestPublishedMillis) {
        pending.merge(Thread.currentThread().getId(), oldestPublishedMillis, Math::min);
    }

    /** This thread's messages are committed. Returns the problem this write ended, null when there was none. */
    String written() {
        pending.remove(Thread.currentThread().getId());
        String ended = problem;
        problem = null;
        return ended;
    }

    /** A write failed. Returns true when writes were fine until now (the failure worth a log line). */
    boolean failed(Exception cause) {
        boolean first = problem == null;
        problem = "write failed: " + describe(cause);
        return first;
    }

    /** This thread holds no messages any more (its partitions were taken away). */
    void released() {
        pending.remove(Thread.currentThread().getId());
    }

    double behindSeconds() {
        long oldest = pending.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.getAsLong() - oldest) / 1000.0;
    }

    @Override
    public Health health() {
        String now = problem;
        if (!migrated || now != null) {
            return Health.down().withDetail("reason", now == null ? "writer not started yet" : now)
                    .withDetail("behindSeconds", behindSeconds()).build();
        }
        return Health.up().withDetail("behindSeconds", behindSeconds()).build();
    }

    /** The innermost cause's message: what PostgreSQL or the driver said, not Spring's wrapping. */
    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
