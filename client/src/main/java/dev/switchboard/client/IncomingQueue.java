package dev.switchboard.client;

import dev.switchboard.pdu.Pdu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * PDUs that answer no request (notifications, forwarded messages, kicks), kept in arrival order until a caller takes
 * them by command id. PDUs with other command ids stay queued for later calls. At most {@value #CAPACITY} PDUs are
 * kept; beyond that the oldest is dropped, so a long-running CLI that never takes them does not grow without bound.
 */
final class IncomingQueue {

    static final int CAPACITY = 10_000;

    private static final Logger log = LoggerFactory.getLogger(IncomingQueue.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Pdu> queued = new ArrayList<>();
    private final List<Consumer<Pdu>> listeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    /** Queues {@code pdu}, wakes waiters, then tells the listeners (on the caller's thread, outside the lock). */
    void add(Pdu pdu) {
        lock.lock();
        try {
            if (queued.size() >= CAPACITY) {
                log.debug("incoming queue full, dropping oldest pdu={}", queued.remove(0));
            }
            queued.add(pdu);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        listeners.forEach(listener -> notifyListener(listener, pdu));
    }

    void addListener(Consumer<Pdu> listener) {
        listeners.add(listener);
    }

    /** Marks the connection closed: waiters stop waiting once nothing queued matches. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the oldest queued PDU with {@code commandId}, waiting up to {@code timeout} for one; empty
     * on timeout, or as soon as the connection is closed and nothing queued matches.
     */
    Optional<Pdu> poll(int commandId, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Optional<Pdu> match = removeFirst(commandId);
                if (match.isPresent() || closed || remaining <= 0) {
                    return match;
                }
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    List<Pdu> snapshot() {
        lock.lock();
        try {
            return List.copyOf(queued);
        } finally {
            lock.unlock();
        }
    }

    private Optional<Pdu> removeFirst(int commandId) {
        for (Iterator<Pdu> it = queued.iterator(); it.hasNext(); ) {
            Pdu pdu = it.next();
            if (pdu.commandId() == commandId) {
                it.remove();
                return Optional.of(pdu);
            }
        }
        return Optional.empty();
    }

    private static void notifyListener(Consumer<Pdu> listener, Pdu pdu) {
        try {
            listener.accept(pdu);
        } catch (RuntimeException e) {
            log.warn("incoming listener failed pdu={}", pdu, e);
        }
    }
}
