package dev.switchboard.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where history continues beyond Redis's cache of each conversation's newest messages: PostgreSQL, the system of
 * record. {@link MessageStore} asks it for what a read needs and the cache does not hold, and answers with the same
 * MsgInfo bytes either way. An implementation that cannot answer now (PostgreSQL away or slow) completes with what
 * it has, possibly nothing, and never fails or hangs the read.
 */
public interface ColdHistory {

    /** No history beyond the cache. */
    ColdHistory NONE = new ColdHistory() {
        @Override
        public CompletionStage<List<byte[]>> page(int sessionType, long userId, long peerId, long msgIdBegin,
                                                  int count) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletionStage<Map<Long, byte[]>> byIds(int sessionType, long userId, long peerId,
                                                        List<Long> msgIds) {
            return CompletableFuture.completedFuture(Map.of());
        }
    };

    /**
     * Up to {@code count} messages of the user's conversation with msg_id &lt;= {@code msgIdBegin} (0: from the
     * newest), newest first.
     */
    CompletionStage<List<byte[]>> page(int sessionType, long userId, long peerId, long msgIdBegin, int count);

    /** The messages of the user's conversation with these msg_ids, by msg_id; those it lacks are absent. */
    CompletionStage<Map<Long, byte[]>> byIds(int sessionType, long userId, long peerId, List<Long> msgIds);
}
