package dev.switchboard.gateway.presence;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.proto.envelope.GatewayLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renews this gateway's lease every {@code lease-interval} while the client port is open. At start it publishes its
 * first lease, then its (usually empty) presence snapshot on the same partition, so presence drops whatever a previous
 * run under this id left behind as soon as this run registers. On a clean stop it publishes a last lease marked
 * {@code stopping}, so presence releases the gateway at once instead of after expiry; it waits at most
 * {@value #LAST_LEASE_SECONDS} s for Kafka to take it (also when Kafka is unreachable, where a send blocks). It renews
 * on a thread of its own: Spring's scheduler stops at the first step of a shutdown, and the lease must outlive the
 * drain ({@code GatewayDrain}), which closes the connections it keeps valid.
 */
@Component
final class LeaseRenewer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseRenewer.class);
    private static final long LAST_LEASE_SECONDS = 5;

    private final GatewayProperties properties;
    private final GatewayServer server;
    private final SessionRegistry sessions;
    private final PresencePublisher publisher;
    private volatile ScheduledExecutorService renewals;
    private ScheduledFuture<?> renewal;

    LeaseRenewer(GatewayProperties properties, GatewayServer server, SessionRegistry sessions,
                 PresencePublisher publisher) {
        this.properties = properties;
        this.server = server;
        this.sessions = sessions;
        this.publisher = publisher;
    }

    @Override
    public void start() {
        publisher.lease(lease(false));
        publisher.snapshot("startup");
        renewals = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lease-renewer");
            thread.setDaemon(true);
            return thread;
        });
        long intervalMillis = properties.leaseInterval().toMillis();
        renewal = renewals.scheduleAtFixedRate(this::renew, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try {
            publisher.lease(lease(false));
        } catch (RuntimeException e) {
            // the next renewal tries again (a throwing task would end the schedule)
            log.warn("lease renewal failed gatewayId={} error={}", properties.id(), e.toString());
        }
    }

    @Override
    public void stop() {
        renewal.cancel(true); // a renewal blocked on an unreachable Kafka is interrupted
        try {
            renewals.submit(() -> publisher.lease(lease(true)).get()).get(LAST_LEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // not published: presence-service purges the gateway when its lease expires instead
            log.warn("last lease not published gatewayId={} error={}", properties.id(), e.toString());
        } finally {
            renewals.shutdownNow();
            renewals = null;
        }
    }

    @Override
    public boolean isRunning() {
        return renewals != null;
    }

    @Override
    public int getPhase() {
        // starts after the client port is bound (it advertises it); stops after the drain, before the port's event loops
        return server.getPhase() + 1;
    }

    private GatewayLease lease(boolean stopping) {
        return GatewayLease.newBuilder()
                .setGatewayId(properties.id())
                .setHost(properties.advertisedHost())
                .setBackupHost(properties.backupHost())
                .setPort(server.port())
                .setConnections(sessions.size())
                .setMaxConnections(properties.maxConnections())
                .setAtMillis(System.currentTimeMillis())
                .setLeaseMillis((int) properties.leaseDuration().toMillis())
                .setStopping(stopping)
                .build();
    }
}
