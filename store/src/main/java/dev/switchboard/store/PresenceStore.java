package dev.switchboard.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Writes presence: connections per user and per gateway, gateway leases, purges, gateway snapshots. Only
 * presence-service calls it. Each change is one Lua script, so a reader never sees a connection under its user but
 * not under its gateway, and each answers with what it changed, so the caller can kick the losers and send status
 * notices.
 *
 * <p>Ordering between a gateway's events: connection events are keyed by user and snapshots by gateway, so they can
 * be applied in another order than they happened. Two things let presence tell: every event and snapshot carries the
 * gateway's presence <em>sequence</em> (a hybrid clock, {@code max(previous + 1, millis * 1000)}, increasing across
 * the gateway's restarts), recorded per connection as its score in the gateway's connection set; and a closed
 * connection leaves a <em>tombstone</em> for {@link #TOMBSTONE_TTL} (connection ids are never reused). A snapshot
 * removes only connections whose ONLINE is older than it and never re-adds a tombstoned one; an ONLINE older than the
 * last applied snapshot, or tombstoned, is stale. A snapshot older than the tombstone lifetime is refused
 * ({@link SnapshotResult.Outcome#EXPIRED}): its tombstones may be gone, so the caller asks for a fresh one.
 */
public final class PresenceStore {

    /**
     * How long a closed connection's tombstone is kept, and so the oldest snapshot presence still applies. Far longer
     * than a snapshot takes from the gateway to presence unless presence-service was down or lagging that long.
     */
    public static final Duration TOMBSTONE_TTL = Duration.ofMinutes(10);

    private static final LuaScript ONLINE = LuaScript.load("connection-online.lua");
    private static final LuaScript OFFLINE = LuaScript.load("connection-offline.lua");
    private static final LuaScript KICK = LuaScript.load("connection-kick.lua");
    private static final LuaScript RENEW = LuaScript.load("gateway-renew.lua");
    private static final LuaScript PURGE = LuaScript.load("gateway-purge.lua");
    private static final LuaScript SNAPSHOT = LuaScript.load("gateway-snapshot.lua");

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public PresenceStore(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** {@link #online(PresenceEntry, long, DevicePolicy)} for an event without a presence sequence. */
    public CompletionStage<OnlineResult> online(PresenceEntry entry, DevicePolicy policy) {
        return online(entry, 0, policy);
    }

    /**
     * Records a connection and, atomically, removes the user's connections that lose to it under {@code policy}.
     * Nothing changes when it is already recorded, its gateway holds no lease, or it is known to be closed (see the
     * class comment).
     *
     * @param seq the ONLINE event's presence sequence, 0 when unknown
     */
    public CompletionStage<OnlineResult> online(PresenceEntry entry, long seq, DevicePolicy policy) {
        String gatewayId = entry.gatewayId();
        String[] k = {keys.presence(entry.userId()), keys.gatewayConnections(gatewayId), keys.gatewayLeases(),
                keys.gateway(gatewayId), keys.gatewayClosed(gatewayId)};
        return ONLINE.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI, k, keys.prefix(),
                String.valueOf(entry.userId()), gatewayId, String.valueOf(entry.connectionId()),
                entry.value(), policy.scriptArgument(), String.valueOf(seq)).thenApply(result -> {
                    OnlineResult.Outcome outcome = OnlineResult.Outcome.valueOf(
                            String.valueOf(result.get(0)).toUpperCase(java.util.Locale.ROOT));
                    List<PresenceEntry> added = outcome == OnlineResult.Outcome.ADDED ? List.of(entry) : List.of();
                    return new OnlineResult(outcome, new PresenceChange(entry.userId(), added,
                            entries(entry.userId(), result.get(1)), entries(entry.userId(), result.get(2))));
                });
    }

    /**
     * Removes exactly this connection (nothing when it is no longer recorded) and leaves its tombstone, so neither a
     * late snapshot nor a redelivered ONLINE brings it back.
     */
    public CompletionStage<PresenceChange> offline(long userId, String gatewayId, long connectionId) {
        String[] k = {keys.presence(userId), keys.gatewayConnections(gatewayId), keys.gatewayClosed(gatewayId)};
        String field = PresenceEntry.field(gatewayId, connectionId);
        return OFFLINE.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI, k, field,
                userId + "/" + connectionId, String.valueOf(connectionId), String.valueOf(System.currentTimeMillis()),
                String.valueOf(TOMBSTONE_TTL.toMillis())).thenApply(result -> {
                    String value = String.valueOf(result.get(0));
                    List<PresenceEntry> removed = value.isEmpty() ? List.of()
                            : List.of(PresenceEntry.parse(userId, field, value));
                    return new PresenceChange(userId, List.of(), removed, entries(userId, result.get(1)));
                });
    }

    /**
     * Removes the user's connections of one client class ({@code mobile} or PC), except the connection that asked.
     */
    public CompletionStage<PresenceChange> kickClass(long userId, boolean mobile, String exceptGatewayId,
                                                     long exceptConnectionId) {
        String[] k = {keys.presence(userId)};
        return KICK.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI, k, keys.prefix(),
                String.valueOf(userId), mobile ? "mobile" : "pc",
                PresenceEntry.field(exceptGatewayId, exceptConnectionId)).thenApply(result ->
                new PresenceChange(userId, List.of(), entries(userId, result.get(0)), entries(userId, result.get(1))));
    }

    /** {@link #renew(GatewayInfo, long)} for a gateway that does not say which run it is. */
    public CompletionStage<Boolean> renew(GatewayInfo gateway) {
        return renew(gateway, 0);
    }

    /**
     * Renews a gateway lease until {@code expiresAtMillis}; completes with true when the gateway is newly leased (new,
     * purged and back) or {@code runId} differs from the run recorded: the caller then asks it for a snapshot.
     *
     * @param runId when this run of the gateway started (epoch millis), 0 when unknown
     */
    public CompletionStage<Boolean> renew(GatewayInfo gateway, long runId) {
        String[] k = {keys.gatewayLeases(), keys.gateway(gateway.gatewayId())};
        return RENEW.<String, String, Long>run(redis, ScriptOutputType.INTEGER, k,
                gateway.gatewayId(), String.valueOf(gateway.expiresAtMillis()), String.valueOf(runId),
                "host", gateway.host(), "backup_host", gateway.backupHost(),
                "port", String.valueOf(gateway.port()), "connections", String.valueOf(gateway.connections()),
                "max_connections", String.valueOf(gateway.maxConnections())).thenApply(fresh -> fresh == 1L);
    }

    /** Gateways whose lease expired at or before {@code nowMillis}. */
    public CompletionStage<List<String>> expired(long nowMillis) {
        return redis.zrangebyscore(keys.gatewayLeases(),
                io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY, (double) nowMillis));
    }

    /**
     * Releases a gateway and all its connections. Unless {@code force}, only if its lease is still expired at
     * {@code nowMillis} (a renewal that raced the sweep wins). Completes with the connections removed, or null when
     * the lease had been renewed.
     */
    public CompletionStage<List<PresenceEntry>> purge(String gatewayId, long nowMillis, boolean force) {
        String[] k = {keys.gatewayLeases(), keys.gateway(gatewayId), keys.gatewayConnections(gatewayId)};
        return PURGE.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI, k, keys.prefix(), gatewayId,
                String.valueOf(nowMillis), force ? "force" : "expired")
                .thenApply(result -> purged(gatewayId, result));
    }

    /**
     * Applies a gateway snapshot atomically: the gateway's connections become {@code connections} (see
     * {@code gateway-snapshot.lua} and the class comment for what a snapshot cannot override). Nobody is kicked.
     *
     * @param seq       the snapshot's presence sequence
     * @param atMillis  when the gateway took it; older than {@link #TOMBSTONE_TTL} is {@code EXPIRED}
     * @param nowMillis presence-service's clock
     */
    public CompletionStage<SnapshotResult> snapshot(String gatewayId, long seq, long atMillis,
                                                    List<PresenceEntry> connections, long nowMillis) {
        if (atMillis < nowMillis - TOMBSTONE_TTL.toMillis()) {
            return java.util.concurrent.CompletableFuture.completedFuture(
                    new SnapshotResult(SnapshotResult.Outcome.EXPIRED, List.of(), List.of()));
        }
        String[] k = {keys.gatewayLeases(), keys.gateway(gatewayId), keys.gatewayConnections(gatewayId),
                keys.gatewayClosed(gatewayId)};
        List<String> args = new ArrayList<>(List.of(keys.prefix(), gatewayId, String.valueOf(seq),
                String.valueOf(nowMillis), String.valueOf(TOMBSTONE_TTL.toMillis())));
        for (PresenceEntry connection : connections) {
            args.add(connection.member());
            args.add(connection.value());
        }
        return SNAPSHOT.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI, k,
                args.toArray(String[]::new)).thenApply(result -> {
                    SnapshotResult.Outcome outcome = SnapshotResult.Outcome.valueOf(
                            String.valueOf(result.get(0)).toUpperCase(java.util.Locale.ROOT));
                    if (outcome != SnapshotResult.Outcome.APPLIED) {
                        return new SnapshotResult(outcome, List.of(), List.of());
                    }
                    return new SnapshotResult(outcome, members(gatewayId, (List<?>) result.get(1)),
                            members(gatewayId, (List<?>) result.get(2)));
                });
    }

    /** Parses a flat {"{userId}/{connectionId}", value, ...} list of one gateway's connections. */
    private static List<PresenceEntry> members(String gatewayId, List<?> flat) {
        List<PresenceEntry> entries = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            String member = String.valueOf(flat.get(i));
            int slash = member.indexOf('/');
            entries.add(PresenceEntry.parse(Long.parseLong(member.substring(0, slash)),
                    gatewayId + member.substring(slash), String.valueOf(flat.get(i + 1))));
        }
        return entries;
    }

    private static List<PresenceEntry> purged(String gatewayId, List<Object> result) {
        if (!"purged".equals(String.valueOf(result.get(0)))) {
            return null;
        }
        List<PresenceEntry> removed = new ArrayList<>();
        for (int i = 1; i + 1 < result.size(); i += 2) {
            String member = String.valueOf(result.get(i));
            String value = String.valueOf(result.get(i + 1));
            if (!value.isEmpty()) {
                int slash = member.indexOf('/');
                long userId = Long.parseLong(member.substring(0, slash));
                removed.add(PresenceEntry.parse(userId, gatewayId + member.substring(slash), value));
            }
        }
        return removed;
    }

    /** Parses a flat {field, value, ...} list of one user's presence hash. */
    private static List<PresenceEntry> entries(long userId, Object flat) {
        List<?> list = (List<?>) flat;
        List<PresenceEntry> entries = new ArrayList<>(list.size() / 2);
        for (int i = 0; i + 1 < list.size(); i += 2) {
            entries.add(PresenceEntry.parse(userId, String.valueOf(list.get(i)), String.valueOf(list.get(i + 1))));
        }
        return entries;
    }
}
