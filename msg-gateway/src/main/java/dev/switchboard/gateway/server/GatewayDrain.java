package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.store.DrainingGateways;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Drains the gateway when the application shuts down (SIGTERM, context close), before anything else stops:
 * <ol>
 *   <li>the client port closes: new connections are refused;</li>
 *   <li>readiness turns to {@link ReadinessState#REFUSING_TRAFFIC} ({@code /actuator/health/readiness} answers
 *       OUT_OF_SERVICE);</li>
 *   <li>the gateway marks itself draining in Redis ({@link DrainingGateways}): the login API hands out other gateways
 *       from now on, while the lease, still renewed, keeps the presence of the clients it holds valid;</li>
 *   <li>its connections are closed one by one, spread evenly over {@code drain-period}, each once what was written to
 *       it is flushed. A close publishes its OFFLINE like any other; the client asks the login API again, logs in on
 *       another gateway and pulls what it missed from history and unread.</li>
 * </ol>
 * Deliveries keep reaching the connections not closed yet: this stops before the Kafka listener containers. Then the
 * lease is released ({@code LeaseRenewer}) and the rest stops as before. The drain runs on the thread that closes the
 * context, which Spring's per-phase shutdown timeout does not interrupt.
 */
@Component
final class GatewayDrain implements SmartLifecycle {

    /** Stops before the Kafka listener containers, so deliveries reach the clients until they are closed. */
    static final int PHASE = AbstractMessageListenerContainer.DEFAULT_PHASE + 50;
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(GatewayDrain.class);

    private final GatewayProperties properties;
    private final GatewayServer server;
    private final SessionRegistry registry;
    private final DrainingGateways draining;
    private final ApplicationEventPublisher events;
    private volatile boolean running;

    GatewayDrain(GatewayProperties properties, GatewayServer server, SessionRegistry registry,
                 DrainingGateways draining, ApplicationEventPublisher events) {
        this.properties = properties;
        this.server = server;
        this.registry = registry;
        this.draining = draining;
        this.events = events;
    }

    @Override
    public void start() {
        await(draining.clear(properties.id()), "cleared"); // a previous run's mark, if it has not expired yet
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        long startNanos = System.nanoTime();
        server.stopAccepting();
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        await(draining.mark(properties.id(), properties.drainPeriod().plus(properties.leaseDuration())), "set");
        List<Session> sessions = new ArrayList<>(registry.all());
        log.info("gateway draining gatewayId={} connections={} drainPeriod={}", properties.id(), sessions.size(),
                properties.drainPeriod());
        long spreadStart = System.nanoTime();
        long periodNanos = properties.drainPeriod().toNanos();
        closeSpread(sessions, spreadStart, periodNanos);
        awaitClosed(spreadStart + periodNanos);
        log.info("gateway drained gatewayId={} connectionsLeft={} tookMillis={}", properties.id(), registry.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** Closes connection i of n at {@code start + period * i / n}: the first at once, the last before the end. */
    private static void closeSpread(List<Session> sessions, long startNanos, long periodNanos) {
        int count = sessions.size();
        for (int i = 0; i < count; i++) {
            long due = startNanos + (long) ((double) periodNanos * i / count);
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            sessions.get(i).close(CloseReason.SHUTDOWN); // interrupted: the rest at once
        }
    }

    /** Waits until every connection has closed (the last ones may still be flushing), at most until the deadline. */
    private void awaitClosed(long deadlineNanos) {
        while (registry.size() > 0 && System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private void await(CompletionStage<?> stage, String outcome) {
        try {
            stage.toCompletableFuture().get(REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("draining mark not {} gatewayId={} error={}", outcome, properties.id(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
