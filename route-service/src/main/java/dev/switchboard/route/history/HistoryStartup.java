package dev.switchboard.route.history;

import dev.switchboard.database.DatabaseMigrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Migrates the schema, copies into PostgreSQL what Redis held before it was the record ({@link HistoryBackfill}), then
 * starts the history writer. PostgreSQL unreachable at startup does not stop route-service:
 * live chat starts at once, this keeps trying (every {@link #RETRY} at most, logging each failure), the
 * {@code history} health indicator says why meanwhile, and the writer starts from the group's committed offsets when
 * PostgreSQL answers, so nothing published meanwhile is missed.
 */
final class HistoryStartup implements SmartLifecycle {

    static final Duration RETRY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(HistoryStartup.class);

    private final DataSource dataSource;
    private final HistoryBackfill backfill;
    private final KafkaListenerEndpointRegistry listeners;
    private final HistoryStatus status;
    private volatile Thread thread;

    HistoryStartup(DataSource dataSource, HistoryBackfill backfill, KafkaListenerEndpointRegistry listeners,
                   HistoryStatus status) {
        this.dataSource = dataSource;
        this.backfill = backfill;
        this.listeners = listeners;
        this.status = status;
    }

    @Override
    public void start() {
        Thread starting = new Thread(this::migrateThenStart, "history-startup");
        starting.setDaemon(true);
        thread = starting;
        starting.start();
    }

    private void migrateThenStart() {
        Duration wait = Duration.ofMillis(250);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                int applied = DatabaseMigrations.migrate(dataSource);
                log.info("history schema current migrationsApplied={}", applied);
                backfill.run();
                status.migrated();
                MessageListenerContainer writer = listeners.getListenerContainer(HistoryWriter.LISTENER_ID);
                if (writer != null && thread == Thread.currentThread()) {
                    writer.start();
                }
                return;
            } catch (RuntimeException e) {
                status.notMigrated(e);
                log.warn("history writer waits for PostgreSQL retryIn={} error={}", wait, status.health()
                        .getDetails().get("reason"));
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(RETRY) > 0 ? RETRY : wait.multipliedBy(2);
        }
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
