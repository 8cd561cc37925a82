package dev.switchboard.kafka;

import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The commit rule of a batch listener that hands records to the producer as it goes (route-service's and
 * presence-service's): each polled record's effects are applied in order and the records it produces are handed to
 * the producer in order; Kafka's acknowledgement of them is awaited once, before the listener returns, so the
 * container commits offsets only after every effect is durable. {@link #await} fails the poll at the first record
 * whose records were not acknowledged ({@link BatchListenerFailedException} with its index): the records before it
 * are committed and the container's error handler retries from it, then dead-letters it. One instance per poll,
 * confined to the listener's thread.
 */
public final class PollAcknowledgements {

    private final List<Pending> pending = new ArrayList<>();

    /** The produce acknowledgement of the poll's record at {@code index}. */
    public void add(int index, CompletableFuture<?> acknowledged) {
        pending.add(new Pending(index, acknowledged));
    }

    /** Waits for every acknowledgement added so far; throws at the first record not acknowledged. */
    public void await() {
        for (Pending record : pending) {
            try {
                record.acknowledged().join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new BatchListenerFailedException("records not acknowledged: " + cause, cause, record.index());
            }
        }
        pending.clear();
    }

    /**
     * The poll fails at record {@code index}: waits for the acknowledgements of the records before it (so those are
     * committed) and returns the exception to throw, which points the error handler at {@code index}.
     */
    public BatchListenerFailedException failAt(int index, String what, Exception cause) {
        await();
        return new BatchListenerFailedException(what + ": " + cause, cause, index);
    }

    private record Pending(int index, CompletableFuture<?> acknowledged) {
    }
}
