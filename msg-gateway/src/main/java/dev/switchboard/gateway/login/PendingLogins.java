package dev.switchboard.gateway.login;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepted logins whose {@code IMLoginRes} waits until presence holds their connection, so that a user is reachable
 * from the moment their login is answered: a message sent to them by anyone, on any gateway, after that moment is
 * routed to this connection. presence-service confirms a connection when it has applied its ONLINE
 * ({@link #confirmed}), or a snapshot of this gateway that carried it ({@link #snapshotApplied}: an ONLINE that
 * arrived before the gateway's lease is dropped and the connection comes into presence with the snapshot). A login
 * not confirmed within {@code presence-confirm-timeout} is answered anyway and counted
 * ({@code im.gateway.logins.unconfirmed}): presence-service is down or far behind, and the user becomes reachable
 * once it catches up. Each login is answered exactly once, by whichever of confirmation and timeout comes first; only
 * then is the session indexed for broadcast notices ({@link SessionRegistry#loggedIn}), so none reaches the client
 * before its login's answer.
 */
@Component
public final class PendingLogins {

    private static final Logger log = LoggerFactory.getLogger(PendingLogins.class);

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final SessionRegistry registry;
    private final GatewayMetrics metrics;

    PendingLogins(GatewayProperties properties, SessionRegistry registry, GatewayMetrics metrics) {
        this.timeout = properties.presenceConfirmTimeout();
        this.registry = registry;
        this.metrics = metrics;
    }

    /**
     * Runs {@code answer} on the session's event loop once presence confirms its connection, or after the timeout;
     * call on the event loop, before the connection's ONLINE is published.
     */
    void hold(Session session, Runnable answer) {
        Pending login = new Pending(session, answer, System.nanoTime());
        pending.put(session.connectionId(), login);
        session.scheduleOnEventLoop(() -> {
            if (pending.remove(session.connectionId(), login) && session.open()) {
                metrics.loginUnconfirmed();
                log.warn("login answered without presence confirmation userId={} connectionId={} timeout={}",
                        session.userId(), session.connectionId(), timeout);
                registry.loggedIn(session);
                answer.run();
            }
        }, timeout);
    }

    /** presence-service applied this connection's ONLINE (or held it already); any thread. */
    public void confirmed(long connectionId) {
        Pending login = pending.remove(connectionId);
        if (login != null) {
            answer(login);
        }
    }

    /**
     * A snapshot of this gateway was published with sequence {@code seq} and carried this connection; any thread.
     */
    public void includedInSnapshot(long connectionId, long seq) {
        Pending login = pending.get(connectionId);
        if (login != null && login.snapshotSeq == 0) {
            login.snapshotSeq = seq;
        }
    }

    /**
     * presence-service applied this gateway's snapshot {@code seq}: every login carried by it or by an earlier
     * snapshot is in presence (a later snapshot holds every connection of an earlier one that is still open); any
     * thread.
     */
    public void snapshotApplied(long seq) {
        pending.forEach((connectionId, login) -> {
            long included = login.snapshotSeq;
            if (included != 0 && included <= seq && pending.remove(connectionId, login)) {
                answer(login);
            }
        });
    }

    /**
     * Indexes the session for broadcast notices at once, on the delivery listener's thread, and answers on its event
     * loop: a notice in a later delivery record is then written after the answer (Netty runs the connection's tasks
     * in order), and none before it.
     */
    private void answer(Pending login) {
        metrics.loginConfirmed(System.nanoTime() - login.heldAtNanos);
        registry.loggedIn(login.session);
        login.session.executeOnEventLoop(login.answer);
    }

    private static final class Pending {
        final Session session;
        final Runnable answer;
        final long heldAtNanos;
        /** The first snapshot that carried the connection, 0 while none did. */
        volatile long snapshotSeq;

        Pending(Session session, Runnable answer, long heldAtNanos) {
            this.session = session;
            this.answer = answer;
            this.heldAtNanos = heldAtNanos;
        }
    }
}
