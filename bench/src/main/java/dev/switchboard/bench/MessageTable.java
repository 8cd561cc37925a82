package dev.switchboard.bench;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.LongStream;

/**
 * What became of every message the run sent: whether the server acknowledged it and how many recipient connections
 * received it. One int per message (bit 30: acknowledged; the low bits: deliveries), in chunks allocated as the run
 * goes, so {@code --max} runs of millions of messages need a few bytes each. Updated from every event loop; indexes
 * are allocated by the sending thread and, in {@code login-storm}, by the event loops answering logins too.
 */
final class MessageTable {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 1 << 15;
    private static final int ACKED = 1 << 30;
    private static final int COUNT = ACKED - 1;

    private final AtomicReferenceArray<AtomicIntegerArray> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    private final int expected;
    private volatile long size;

    /** @param expected how many connections receive each message (1 for a 1:1 message, members - 1 in a group) */
    MessageTable(int expected) {
        this.expected = expected;
    }

    int expected() {
        return expected;
    }

    /** A new message's index; callable from any thread (uncontended but for {@code login-storm}'s first messages). */
    synchronized long allocate() {
        long index = size;
        int chunk = (int) (index >>> CHUNK_BITS);
        if (chunk >= MAX_CHUNKS) {
            throw new IllegalStateException("more than " + ((long) MAX_CHUNKS << CHUNK_BITS) + " messages");
        }
        if (chunks.get(chunk) == null) {
            chunks.set(chunk, new AtomicIntegerArray(CHUNK));
        }
        size = index + 1;
        return index;
    }

    /** How many messages were allocated. */
    long size() {
        return size;
    }

    /** Marks the message acknowledged by the server; false when it was already (or is unknown). */
    boolean acknowledge(long index) {
        AtomicIntegerArray chunk = chunk(index);
        if (chunk == null) {
            return false;
        }
        return (chunk.getAndUpdate(slot(index), state -> state | ACKED) & ACKED) == 0;
    }

    /**
     * Counts one delivery; false for a duplicate, which is not counted: {@code knownDuplicate} (the connection
     * already had it) or more than {@code expected} deliveries (a 1:1 message has one recipient connection).
     */
    boolean deliver(long index, boolean knownDuplicate) {
        AtomicIntegerArray chunk = chunk(index);
        if (chunk == null || knownDuplicate) {
            return false;
        }
        int slot = slot(index);
        while (true) {
            int state = chunk.get(slot);
            if ((state & COUNT) >= expected) {
                return false;
            }
            if (chunk.compareAndSet(slot, state, state + 1)) {
                return true;
            }
        }
    }

    /** Sums up every message: never acknowledged, and deliveries missing from acknowledged ones. */
    Outcome outcome() {
        return outcome(0, size);
    }

    /** {@link #outcome()} of the messages with indexes from {@code from} until {@code to}. */
    Outcome outcome(long from, long to) {
        return outcome(LongStream.range(from, Math.min(to, size)));
    }

    /** {@link #outcome()} of the messages with these (allocated) indexes. */
    Outcome outcome(LongStream indexes) {
        Tally tally = new Tally();
        indexes.forEach(index -> tally.add(chunk(index).get(slot(index))));
        return new Outcome(tally.messages, tally.unacked, tally.lost, tally.lostMessages, tally.deliveredUnacked,
                tally.deliveries);
    }

    /** The running sums of {@link #outcome(LongStream)}. */
    private final class Tally {
        long messages;
        long unacked;
        long lost;
        long lostMessages;
        long deliveredUnacked;
        long deliveries;

        void add(int state) {
            int count = state & COUNT;
            messages++;
            deliveries += count;
            if ((state & ACKED) == 0) {
                unacked++;
                deliveredUnacked += count > 0 ? 1 : 0;
            } else if (count < expected) {
                lost += expected - count;
                lostMessages++;
            }
        }
    }

    /** A new, empty subset of this table's messages. */
    Subset subset() {
        return new Subset();
    }

    /** Some of the table's messages (those of one kind), added by index from any thread. */
    final class Subset {

        private final ConcurrentLinkedQueue<Long> indexes = new ConcurrentLinkedQueue<>();

        private Subset() {
        }

        void add(long index) {
            indexes.add(index);
        }

        /** What became of the subset's messages so far. */
        Outcome outcome() {
            return MessageTable.this.outcome(indexes.stream().mapToLong(Long::longValue));
        }
    }

    /**
     * @param messages         messages sent
     * @param unacked          never acknowledged by the server
     * @param lost             deliveries missing from acknowledged messages (for 1:1 messages: acknowledged messages
     *                         never delivered)
     * @param lostMessages     acknowledged messages missing at least one delivery
     * @param deliveredUnacked messages delivered but never acknowledged to their sender
     * @param deliveries       deliveries counted (duplicates excluded)
     */
    record Outcome(long messages, long unacked, long lost, long lostMessages, long deliveredUnacked,
                   long deliveries) {

        /** The messages of this outcome that are not in {@code part} (a subset of them). */
        Outcome minus(Outcome part) {
            return new Outcome(messages - part.messages, unacked - part.unacked, lost - part.lost,
                    lostMessages - part.lostMessages, deliveredUnacked - part.deliveredUnacked,
                    deliveries - part.deliveries);
        }
    }

    private AtomicIntegerArray chunk(long index) {
        long chunk = index >>> CHUNK_BITS;
        return index < 0 || chunk >= MAX_CHUNKS ? null : chunks.get((int) chunk);
    }

    private static int slot(long index) {
        return (int) (index & (CHUNK - 1));
    }
}
