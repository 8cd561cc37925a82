package dev.switchboard.client;

import dev.switchboard.pdu.Pdu;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sequence numbers and the requests still waiting for their answer. TeamTalk servers echo a request's {@code seq} in
 * the response, so the answer to a request is the first incoming PDU carrying its seq. Seqs are uint16, start at 1
 * and wrap to 1: 0 is what notifications carry.
 */
final class PendingRequests {

    private static final int MAX_SEQ = 0xFFFF;

    private final AtomicInteger lastSeq = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Pdu>> waiting = new ConcurrentHashMap<>();

    /** The next sequence number: 1, 2, ... 65535, 1, ... */
    int nextSeq() {
        return lastSeq.updateAndGet(seq -> seq >= MAX_SEQ ? 1 : seq + 1);
    }

    /** Waits for the answer to {@code seq}; the entry goes away however the future completes. */
    CompletableFuture<Pdu> register(int seq) {
        CompletableFuture<Pdu> answer = new CompletableFuture<>();
        waiting.put(seq, answer);
        answer.whenComplete((pdu, failure) -> waiting.remove(seq, answer));
        return answer;
    }

    /** Completes the request this PDU answers; false when none waits for its seq. */
    boolean complete(Pdu pdu) {
        CompletableFuture<Pdu> answer = pdu.seq() == 0 ? null : waiting.get(pdu.seq());
        return answer != null && answer.complete(pdu);
    }

    /** Fails every waiting request, e.g. when the connection closes. */
    void failAll(Throwable cause) {
        waiting.values().forEach(answer -> answer.completeExceptionally(cause));
    }
}
