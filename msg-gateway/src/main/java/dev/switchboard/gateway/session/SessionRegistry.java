package dev.switchboard.gateway.session;

import io.netty.channel.Channel;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections this gateway holds, by connection id. Connection ids are unique across restarts of the gateway:
 * the high 32 bits are the start time in seconds, the low 32 bits a counter, so a delivery addressed to a connection
 * of a previous run never reaches a new one.
 */
@Component
public final class SessionRegistry {

    private final long startedAtMillis = System.currentTimeMillis();
    private final long epoch = (startedAtMillis / 1000) << 32;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();

    /** When this run of the gateway started, epoch millis: its run id in presence. */
    public long runId() {
        return startedAtMillis;
    }

    /** Registers a new connection. */
    public Session open(Channel channel) {
        Session session = new Session(epoch | (counter.incrementAndGet() & 0xFFFFFFFFL), channel);
        sessions.put(session.connectionId(), session);
        return session;
    }

    public void remove(Session session) {
        sessions.remove(session.connectionId());
    }

    /** The logged-in session with this connection id and user, or null when it closed or never existed. */
    public Session find(long connectionId, long userId) {
        Session session = sessions.get(connectionId);
        return session != null && session.userId() == userId && session.open() ? session : null;
    }

    public int size() {
        return sessions.size();
    }

    public Collection<Session> all() {
        return sessions.values();
    }
}
