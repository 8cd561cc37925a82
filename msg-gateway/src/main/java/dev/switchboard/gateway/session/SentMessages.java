package dev.switchboard.gateway.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The messages one connection sent recently, by request seq, with the msg_id each was (or is being) acknowledged
 * with: a client that resends on the same connection with the same seq gets the first copy's outcome instead of a
 * second message. Bounded (the last {@value #CAPACITY} sends, and only those within the dedup window count); confined
 * to the connection's event loop.
 */
public final class SentMessages {

    private static final int CAPACITY = 64;

    private final Map<Integer, Sent> bySeq = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Sent> eldest) {
            return size() > CAPACITY;
        }
    };

    private record Sent(String digest, long atMillis, CompletableFuture<Long> msgId) {
    }

    /**
     * The outcome of an earlier send with this seq and digest at or after {@code notBeforeMillis}, unless it failed
     * or was refused (then the copy is a new attempt): completes with the msg_id it was acknowledged with.
     */
    public CompletableFuture<Long> find(int seq, String digest, long notBeforeMillis) {
        Sent sent = bySeq.get(seq);
        if (sent == null || !sent.digest().equals(digest) || sent.atMillis() < notBeforeMillis) {
            return null;
        }
        CompletableFuture<Long> msgId = sent.msgId();
        boolean failed = msgId.isCompletedExceptionally() || (msgId.isDone() && msgId.join() == 0);
        return failed ? null : msgId;
    }

    /** Remembers a send whose outcome {@code msgId} completes with its msg_id (0: refused). */
    public void remember(int seq, String digest, long nowMillis, CompletableFuture<Long> msgId) {
        bySeq.remove(seq);
        bySeq.put(seq, new Sent(digest, nowMillis, msgId));
    }
}
