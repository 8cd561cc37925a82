package dev.switchboard.store;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

/**
 * Gateways that are draining: shutting down gracefully, their clients being closed over the drain period. A gateway
 * marks itself ({@code gateway:{id}:draining}) when its drain starts, so the login API stops handing it out at once
 * while its lease stays valid, and with it the presence of the connections it still holds. A mark expires by itself
 * (after the drain period plus the lease duration, so a gateway that dies while draining leaves nothing behind), and
 * a gateway clears its own mark when it starts, so a restart under the same id is handed out again.
 */
public final class DrainingGateways {

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public DrainingGateways(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Marks the gateway draining for {@code ttl}. */
    public CompletionStage<Void> mark(String gatewayId, Duration ttl) {
        return redis.set(keys.gatewayDraining(gatewayId), "1", SetArgs.Builder.px(Math.max(1, ttl.toMillis())))
                .thenApply(ok -> null);
    }

    /** Removes the gateway's mark (none is fine). */
    public CompletionStage<Void> clear(String gatewayId) {
        return redis.del(keys.gatewayDraining(gatewayId)).thenApply(removed -> null);
    }

    /** The gateways of {@code live} that are not draining, in their order: those the login API may hand out. */
    public CompletionStage<List<GatewayInfo>> accepting(List<GatewayInfo> live) {
        if (live.isEmpty()) {
            return CompletableFuture.completedFuture(live);
        }
        String[] marks = live.stream().map(gateway -> keys.gatewayDraining(gateway.gatewayId()))
                .toArray(String[]::new);
        // MGET answers in the order of its keys
        return redis.mget(marks).thenApply(values -> IntStream.range(0, live.size())
                .filter(i -> !values.get(i).hasValue()).mapToObj(live::get).toList());
    }
}
