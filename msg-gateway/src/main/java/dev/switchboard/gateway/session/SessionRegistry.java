package dev.switchboard.gateway.session;

import dev.switchboard.proto.envelope.Audience;
import io.netty.channel.Channel;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
    private final Set<Session> loggedInPc = ConcurrentHashMap.newKeySet();
    private final Set<Session> loggedInMobile = ConcurrentHashMap.newKeySet();

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
        loggedInPc.remove(session);
        loggedInMobile.remove(session);
    }

    /** Indexes a session that has just logged in by its audience (call after {@link Session#loggedIn}). */
    public void loggedIn(Session session) {
        (session.mobile() ? loggedInMobile : loggedInPc).add(session);
        if (!session.open()) {
            remove(session); // closed meanwhile: its close may have run before this was indexed
        }
    }

    /**
     * The logged-in sessions of an audience, so a broadcast to PC clients costs what there are PC clients, not what
     * there are connections (a gateway holding 100,000 phones visits none of them for a status notice to PCs).
     */
    public Iterable<Session> loggedIn(Audience audience) {
        return switch (audience) {
            case AUDIENCE_PC -> loggedInPc;
            case AUDIENCE_MOBILE -> loggedInMobile;
            default -> () -> Stream.concat(loggedInPc.stream(), loggedInMobile.stream()).iterator();
        };
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
