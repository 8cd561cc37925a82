package dev.switchboard.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Writes presence: connections per user and per gateway, gateway leases, purges. Only presence-service calls it.
 * Each change is one Lua script, so a reader never sees a connection under its user but not under its gateway.
 */
public final class PresenceStore {

    private static final LuaScript ONLINE = LuaScript.load("connection-online.lua");
    private static final LuaScript OFFLINE = LuaScript.load("connection-offline.lua");
    private static final LuaScript RENEW = LuaScript.load("gateway-renew.lua");
    private static final LuaScript PURGE = LuaScript.load("gateway-purge.lua");

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public PresenceStore(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Records a connection; completes with true when it was not recorded before. */
    public CompletionStage<Boolean> online(PresenceEntry entry) {
        String[] k = {keys.presence(entry.userId()), keys.gatewayConnections(entry.gatewayId())};
        return ONLINE.<String, String, Long>run(redis, ScriptOutputType.INTEGER, k,
                entry.field(), entry.value(), entry.member()).thenApply(added -> added == 1L);
    }

    /** Removes exactly this connection; completes with true when it was recorded. */
    public CompletionStage<Boolean> offline(long userId, String gatewayId, long connectionId) {
        String[] k = {keys.presence(userId), keys.gatewayConnections(gatewayId)};
        return OFFLINE.<String, String, Long>run(redis, ScriptOutputType.INTEGER, k,
                PresenceEntry.field(gatewayId, connectionId), userId + "/" + connectionId)
                .thenApply(removed -> removed == 1L);
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
     * {@code nowMillis} (a renewal that raced the sweep wins). Completes with the affected user ids (one per
     * connection), or null when the lease had been renewed.
     */
    public CompletionStage<List<Long>> purge(String gatewayId, long nowMillis, boolean force) {
        String[] k = {keys.gatewayLeases(), keys.gateway(gatewayId), keys.gatewayConnections(gatewayId)};
        return PURGE.<String, String, Object>run(redis, ScriptOutputType.MULTI, k, keys.prefix(), gatewayId,
                String.valueOf(nowMillis), force ? "force" : "expired").thenApply(PresenceStore::userIds);
    }

    private static List<Long> userIds(Object result) {
        List<?> list = (List<?>) result;
        if (!"purged".equals(String.valueOf(list.get(0)))) {
            return null;
        }
        return list.stream().skip(1).map(id -> Long.parseLong(String.valueOf(id))).toList();
    }
}
