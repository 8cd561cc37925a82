package dev.switchboard.gateway.presence;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.proto.envelope.GatewayLease;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renews this gateway's lease every {@code lease-interval} while the client port is open. At start it publishes its
 * first lease, then its (usually empty) presence snapshot on the same partition, so presence drops whatever a previous
 * run under this id left behind as soon as this run registers. On a clean stop it publishes a last lease marked
 * {@code stopping}, so presence releases the gateway at once instead of after expiry.
 */
@Component
final class LeaseRenewer implements SmartLifecycle {

    private final GatewayProperties properties;
    private final GatewayServer server;
    private final SessionRegistry sessions;
    private final PresencePublisher publisher;
    private final TaskScheduler scheduler;
    private ScheduledFuture<?> renewal;

    LeaseRenewer(GatewayProperties properties, GatewayServer server, SessionRegistry sessions,
                 PresencePublisher publisher, TaskScheduler scheduler) {
        this.properties = properties;
        this.server = server;
        this.sessions = sessions;
        this.publisher = publisher;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        publisher.lease(lease(false));
        publisher.snapshot("startup");
        renewal = scheduler.scheduleAtFixedRate(() -> publisher.lease(lease(false)),
                Instant.now().plus(properties.leaseInterval()), properties.leaseInterval());
    }

    @Override
    public void stop() {
        renewal.cancel(false);
        renewal = null;
        try {
            publisher.lease(lease(true)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // not published: presence-service purges the gateway when its lease expires instead
        }
    }

    @Override
    public boolean isRunning() {
        return renewal != null;
    }

    @Override
    public int getPhase() {
        // starts after the client port is bound (it advertises it) and stops just before it closes
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
