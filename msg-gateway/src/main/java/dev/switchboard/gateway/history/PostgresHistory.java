package dev.switchboard.gateway.history;

import dev.switchboard.database.Conversations;
import dev.switchboard.database.MessageArchive;
import dev.switchboard.store.ColdHistory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * History beyond Redis's cache, read from PostgreSQL's message table (or a read replica of it): the
 * {@link ColdHistory} of this gateway's reads. JDBC blocks, so reads run on a small pool of their own, never on a
 * Netty event loop. A read that PostgreSQL cannot serve now (unreachable, slower than {@code timeout}, or the pool's
 * queue full) completes with nothing: the client gets what the cache holds, at once, and the read is counted in
 * {@code im.gateway.history.cold.reads{result="unavailable"}}.
 */
public final class PostgresHistory implements ColdHistory, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresHistory.class);
    private static final int SINGLE = 1;

    private final MessageArchive archive;
    private final Duration timeout;
    private final ThreadPoolExecutor readers;
    private final Counter served;
    private final Counter unavailable;

    /**
     * @param threads reads run at once at most (and PostgreSQL connections used)
     * @param queue   reads that wait for a thread at most; beyond, a read is answered from the cache alone
     */
    public PostgresHistory(MessageArchive archive, Duration timeout, int threads, int queue, MeterRegistry meters) {
        this.archive = archive;
        this.timeout = timeout;
        this.readers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "history-reads");
                    thread.setDaemon(true);
                    return thread;
                });
        this.served = meters.counter("im.gateway.history.cold.reads", "result", "ok");
        this.unavailable = meters.counter("im.gateway.history.cold.reads", "result", "unavailable");
    }

    @Override
    public CompletionStage<List<byte[]>> page(int sessionType, long userId, long peerId, long msgIdBegin, int count) {
        String conversation = conversation(sessionType, userId, peerId);
        return read(() -> archive.page(conversation, msgIdBegin, count), List.of());
    }

    @Override
    public CompletionStage<Map<Long, byte[]>> byIds(int sessionType, long userId, long peerId, List<Long> msgIds) {
        String conversation = conversation(sessionType, userId, peerId);
        return read(() -> archive.find(conversation, msgIds), Map.of());
    }

    private <T> CompletionStage<T> read(Supplier<T> query, T nothing) {
        CompletableFuture<T> result;
        try {
            result = CompletableFuture.supplyAsync(query, readers);
        } catch (RuntimeException rejected) {
            result = CompletableFuture.failedFuture(rejected);
        }
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((rows, error) -> {
            if (error != null) {
                unavailable.increment();
                log.debug("history read from postgresql failed, answered from the cache error={}", error.toString());
                return nothing;
            }
            served.increment();
            return rows;
        });
    }

    private static String conversation(int sessionType, long userId, long peerId) {
        return sessionType == SINGLE ? Conversations.single(userId, peerId) : Conversations.group(peerId);
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
