package dev.switchboard.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Writes presence: connections per user and per gateway, gateway leases, purges. Only presence-service calls it.
 * Each change is one Lua script, so a reader never sees a connection under its user but not under its gateway, and
 * each answers with what it changed, so the caller can kick the losers and send status notices.
 */
public final class PresenceStore {

    private static final LuaScript ONLINE = LuaScript.load("connection-online.lua");
    private static final LuaScript OFFLINE = LuaScript.load("connection-offline.lua");
    private static final LuaScript KICK = LuaScript.load("connection-kick.lua");
    private static final LuaScript RENEW = LuaScript.load("gateway-renew.lua");
    private static final LuaScript PURGE = LuaScript.load("gateway-purge.lua");

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public PresenceStore(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Records a connection and, atomically, removes the user's connections that lose to it under {@code policy}.
     * Nothing changes when it is already recorded or its gateway holds no lease.
     */
    public CompletionStage<OnlineResult> online(PresenceEntry entry, DevicePolicy policy) {
        String[] k = {keys.presence(entry.userId()), keys.gatewayConnections(entry.gatewayId()), keys.gatewayLeases()};
        return ONLINE.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI, k, keys.prefix(),
                String.valueOf(entry.userId()), entry.gatewayId(), String.valueOf(entry.connectionId()),
                entry.value(), policy.scriptArgument()).thenApply(result -> {
                    OnlineResult.Outcome outcome = OnlineResult.Outcome.valueOf(
                            String.valueOf(result.get(0)).toUpperCase(java.util.Locale.ROOT));
                    List<PresenceEntry> added = outcome == OnlineResult.Outcome.ADDED ? List.of(entry) : List.of();
                    return new OnlineResult(outcome, new PresenceChange(entry.userId(), added,
                            entries(entry.userId(), result.get(1)), entries(entry.userId(), result.get(2))));
                });
    }

    /** Removes exactly this connection (nothing when it is no longer recorded). */
    public CompletionStage<PresenceChange> offline(long userId, String gatewayId, long connectionId) {
        String[] k = {keys.presence(userId), keys.gatewayConnections(gatewayId)};
        String field = PresenceEntry.field(gatewayId, connectionId);
        return OFFLINE.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI, k, field,
                userId + "/" + connectionId).thenApply(result -> {
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

    /** Renews a gateway lease until {@code expiresAtMillis}; completes with true when the gateway is newly leased. */
    public CompletionStage<Boolean> renew(GatewayInfo gateway) {
        String[] k = {keys.gatewayLeases(), keys.gateway(gateway.gatewayId())};
        return RENEW.<String, String, Long>run(redis, ScriptOutputType.INTEGER, k,
                gateway.gatewayId(), String.valueOf(gateway.expiresAtMillis()),
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
