package dev.switchboard.presence.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.KickReasonType;
import dev.switchboard.kafka.PollAcknowledgements;
import dev.switchboard.presence.PresenceApplication;
import dev.switchboard.presence.PresenceProperties;
import dev.switchboard.presence.lease.GatewayRelease;
import dev.switchboard.presence.lease.GatewaySnapshots;
import dev.switchboard.presence.notice.ChangeNotifier;
import dev.switchboard.presence.notice.OnlineConfirmations;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.ConnectionEvent;
import dev.switchboard.proto.envelope.GatewayLease;
import dev.switchboard.proto.envelope.KickRequest;
import dev.switchboard.proto.envelope.PresenceEvent;
import dev.switchboard.store.DevicePolicy;
import dev.switchboard.store.GatewayInfo;
import dev.switchboard.store.OnlineResult;
import dev.switchboard.store.PresenceChange;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Applies {@code im.presence} to Redis, then kicks the connections that lost, sends the status notices and confirms
 * logins to their gateways. It takes a poll's records together: each event's Redis effect is applied before the next
 * event is read, in partition order, and its records (kicks, notices, confirmations) are handed to the producer in
 * that order; Kafka's acknowledgement of them is awaited once for the poll ({@link PollAcknowledgements}), so the
 * container commits offsets only after every effect is stored and announced, and a login storm costs one produce round trip per poll, not one per
 * login. When an event fails, or its records are not acknowledged, the events before it are committed and the
 * container's error handler retries from it, then dead-letters it ({@code im.presence-dlt}; an unparsable record at
 * once). Events of one user arrive in order (keyed by user id): of two racing logins the one applied later wins and
 * the other is kicked, and an OFFLINE removes exactly its own connection, so a late event can never erase a newer
 * session. Leases register gateways (a new registration asks the gateway for a snapshot) and gateway snapshots
 * resynchronise a gateway's connections ({@link GatewaySnapshots}); connection events and snapshots are ordered
 * against each other by the gateway's presence sequence (see {@code PresenceStore}).
 */
@Component
final class PresenceListener {

    private static final Logger log = LoggerFactory.getLogger(PresenceListener.class);
    private static final CompletableFuture<?> DONE = CompletableFuture.completedFuture(null);

    private final PresenceStore store;
    private final ChangeNotifier notifier;
    private final GatewayRelease release;
    private final GatewaySnapshots snapshots;
    private final OnlineConfirmations confirmations;
    private final DevicePolicy policy;
    private final MeterRegistry meters;

    PresenceListener(PresenceStore store, ChangeNotifier notifier, GatewayRelease release, GatewaySnapshots snapshots,
                     OnlineConfirmations confirmations, PresenceProperties properties, MeterRegistry meters) {
        this.store = store;
        this.notifier = notifier;
        this.release = release;
        this.snapshots = snapshots;
        this.confirmations = confirmations;
        this.policy = properties.devicePolicy();
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.PRESENCE, groupId = PresenceApplication.PRESENCE_GROUP, batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        PollAcknowledgements acknowledgements = new PollAcknowledgements();
        for (int i = 0; i < records.size(); i++) {
            try {
                acknowledgements.add(i, apply(PresenceEvent.parseFrom(records.get(i).value())));
            } catch (Exception e) {
                throw acknowledgements.failAt(i, "presence event failed", e);
            }
        }
        acknowledgements.await();
    }

    /** Applies the event's Redis effect; completes when Kafka has the records it sends. */
    private CompletableFuture<?> apply(PresenceEvent event) throws InvalidProtocolBufferException {
        switch (event.getEventCase()) {
            case CONNECTION -> {
                return apply(event.getConnection());
            }
            case LEASE -> apply(event.getLease());
            case KICK -> {
                return apply(event.getKick());
            }
            case SNAPSHOT -> snapshots.apply(event.getSnapshot());
            default -> throw new InvalidProtocolBufferException("presence event without a known case");
        }
        return DONE;
    }

    private CompletableFuture<?> apply(ConnectionEvent event) {
        switch (event.getKind()) {
            case ONLINE -> {
                return online(new PresenceEntry(event.getUserId(), event.getGatewayId(), event.getConnectionId(),
                        event.getClientType(), event.getStatus(), event.getAtMillis()), event.getSeq());
            }
            case OFFLINE -> {
                PresenceChange change = join(store.offline(event.getUserId(), event.getGatewayId(),
                        event.getConnectionId()));
                count(change.none() ? "offline_unknown" : "offline");
                return notifier.notify(List.of(change), null);
            }
            default -> {
                count("invalid");
                return DONE;
            }
        }
    }

    /**
     * Once the connection is in presence (added now, or already: a redelivery, or its gateway's snapshot came
     * first), its gateway is told so, together with the kicks and notices: the gateway answers the login only then.
     * An ONLINE for a gateway without a lease (not registered yet, or purged) is dropped, not kept pending: the
     * gateway's registration asks it for a snapshot, which holds the connection if it is still open (and confirms
     * it), and a pending event could only be less current than that.
     */
    private CompletableFuture<?> online(PresenceEntry entry, long seq) {
        OnlineResult result = join(store.online(entry, seq, policy));
        count(result.outcome() == OnlineResult.Outcome.ADDED ? "online"
                : "online_" + result.outcome().name().toLowerCase(Locale.ROOT));
        switch (result.outcome()) {
            case ADDED -> {
                return CompletableFuture.allOf(confirmations.connection(entry),
                        notifier.notify(List.of(result.change()), KickReasonType.KICK_REASON_DUPLICATE_USER));
            }
            case KNOWN -> {
                return confirmations.connection(entry);
            }
            case UNLEASED -> log.info("online event ignored, gateway not leased userId={} gatewayId={} connectionId={}",
                    entry.userId(), entry.gatewayId(), entry.connectionId());
            default -> {
                // stale: the connection is known to be closed
            }
        }
        return DONE;
    }

    private CompletableFuture<?> apply(KickRequest kick) {
        boolean mobileClass = (kick.getClientType() & 0x10) == 0x10;
        KickReasonType reason = KickReasonType.forNumber(kick.getReason());
        PresenceChange change = join(store.kickClass(kick.getUserId(), mobileClass, kick.getGatewayId(),
                kick.getConnectionId()));
        count("kick");
        return notifier.notify(List.of(change), reason == null ? KickReasonType.KICK_REASON_MOBILE_KICK : reason);
    }

    private void apply(GatewayLease lease) {
        if (lease.getStopping()) {
            int released = release.release(lease.getGatewayId(), System.currentTimeMillis(), true);
            log.info("gateway released gatewayId={} reason=stopping connectionsReleased={}", lease.getGatewayId(),
                    released);
            meters.counter("im.presence.gateways.released", "reason", "stopping").increment();
            return;
        }
        // a lease runs from when presence applies it: one that waited in im.presence behind a burst of events (a
        // whole company logging in) is as good as a fresh one, so presence's own backlog never expires a live gateway
        long expiresAt = System.currentTimeMillis() + lease.getLeaseMillis();
        boolean fresh = join(store.renew(new GatewayInfo(lease.getGatewayId(), lease.getHost(), lease.getBackupHost(),
                lease.getPort(), lease.getConnections(), lease.getMaxConnections(), expiresAt), lease.getRunId()));
        if (fresh) {
            log.info("gateway registered gatewayId={} runId={} host={} port={}", lease.getGatewayId(),
                    lease.getRunId(), lease.getHost(), lease.getPort());
            snapshots.request(lease.getGatewayId());
        }
    }

    private void count(String kind) {
        meters.counter("im.presence.events", "kind", kind).increment();
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
