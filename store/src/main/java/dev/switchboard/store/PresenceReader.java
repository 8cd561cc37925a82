package dev.switchboard.store;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads presence: a user's connections and the gateways. Any service may use it.
 *
 * <p>A gateway is <em>registered</em> from its first lease until presence-service purges it; its lease may have run
 * out meanwhile (the renewal travels through {@code im.presence} and can wait there behind a burst of presence
 * events), so an expired lease says "maybe dead", never "dead". Routing and notices go to every registered gateway
 * ({@link #registeredGatewayIds}): only the purge, which waits until presence has applied every renewal published
 * before the expiry, decides that a gateway is gone. The lease expiry is a hint for the login balancer alone
 * ({@link #registeredGateways}).
 */
public final class PresenceReader {

    private static final LuaScript MANY = LuaScript.load("presence-many.lua");
    /** Most users one {@code presence-many.lua} run reads (each run holds Redis for its duration). */
    static final int MAX_USERS_PER_READ = 500;

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public PresenceReader(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Every connection presence holds for the user (on registered gateways: a purge removes a gateway's). */
    public CompletionStage<List<PresenceEntry>> connections(long userId) {
        return redis.hgetall(keys.presence(userId)).thenApply(fields -> parse(userId, fields));
    }

    /**
     * {@link #connections(long)} of many users, in their order, read by one script per {@value #MAX_USERS_PER_READ}
     * users (one command and one round trip, where one HGETALL per user would cost a write each).
     */
    public CompletionStage<List<List<PresenceEntry>>> connections(List<Long> userIds) {
        List<CompletableFuture<List<Object>>> parts = new ArrayList<>();
        for (int from = 0; from < userIds.size(); from += MAX_USERS_PER_READ) {
            List<Long> part = userIds.subList(from, Math.min(userIds.size(), from + MAX_USERS_PER_READ));
            String[] k = part.stream().map(keys::presence).toArray(String[]::new);
            parts.add(MANY.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI, k).toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<List<PresenceEntry>> all = new ArrayList<>(userIds.size());
            for (CompletableFuture<List<Object>> part : parts) {
                for (Object hash : part.join()) {
                    all.add(PresenceEntry.parseFlat(userIds.get(all.size()), (List<?>) hash));
                }
            }
            return all;
        });
    }

    /** Ids of the registered gateways (leased and not purged, whether or not the lease has run out yet). */
    public CompletionStage<List<String>> registeredGatewayIds() {
        return redis.zrange(keys.gatewayLeases(), 0, -1);
    }

    /**
     * The registered gateways with their address, load and lease expiry, in gateway id order; a caller that prefers
     * gateways whose lease is current compares {@link GatewayInfo#expiresAtMillis()} with its clock.
     */
    public CompletionStage<List<GatewayInfo>> registeredGateways() {
        return gateways(Range.create(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    }

    /** Live gateways with their advertised address and load, in gateway id order. */
    public CompletionStage<List<GatewayInfo>> liveGateways(long nowMillis) {
        return gateways(Range.create((double) nowMillis + 1, Double.POSITIVE_INFINITY));
    }

    private CompletionStage<List<GatewayInfo>> gateways(Range<Double> expiry) {
        return redis.zrangebyscoreWithScores(keys.gatewayLeases(), expiry)
                .thenCompose(leases -> {
                    List<CompletableFuture<GatewayInfo>> infos = leases.stream()
                            .map(lease -> info(lease.getValue(), (long) lease.getScore()).toCompletableFuture())
                            .toList();
                    return CompletableFuture.allOf(infos.toArray(CompletableFuture[]::new))
                            .thenApply(done -> infos.stream().map(CompletableFuture::join)
                                    .filter(info -> info != null)
                                    .sorted(java.util.Comparator.comparing(GatewayInfo::gatewayId)).toList());
                });
    }

    private CompletionStage<GatewayInfo> info(String gatewayId, long expiresAtMillis) {
        return redis.hgetall(keys.gateway(gatewayId)).thenApply(h -> h.isEmpty() ? null : new GatewayInfo(gatewayId,
                h.getOrDefault("host", ""), h.getOrDefault("backup_host", ""), number(h, "port"),
                number(h, "connections"), number(h, "max_connections"), expiresAtMillis));
    }

    private static List<PresenceEntry> parse(long userId, Map<String, String> fields) {
        List<PresenceEntry> entries = new ArrayList<>(fields.size());
        fields.forEach((field, value) -> entries.add(PresenceEntry.parse(userId, field, value)));
        return entries;
    }

    private static int number(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
