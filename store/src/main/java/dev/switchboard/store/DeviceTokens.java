package dev.switchboard.store;

import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A user's push settings, written by gateways: the device tokens of the user's mobile clients
 * ({@code user:{id}:device-tokens}, clientType -> token), set by {@code IMDeviceTokenReq} and cleared on logout so a
 * logged-out phone gets no pushes, and the push shield ({@code user:{id}:push-shield}) set by {@code IMPushShieldReq}
 * and read back by {@code IMQueryPushShieldReq}.
 */
public final class DeviceTokens {

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public DeviceTokens(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Stores the token of one of the user's client types, replacing the previous one. */
    public CompletionStage<Void> save(long userId, int clientType, String token) {
        return redis.hset(keys.deviceTokens(userId), String.valueOf(clientType), token).thenApply(added -> null);
    }

    /** Forgets the token of one of the user's client types (none is fine). */
    public CompletionStage<Void> remove(long userId, int clientType) {
        return redis.hdel(keys.deviceTokens(userId), String.valueOf(clientType)).thenApply(removed -> null);
    }

    /** Every token of the user by client type. */
    public CompletionStage<Map<Integer, String>> tokens(long userId) {
        return redis.hgetall(keys.deviceTokens(userId)).thenApply(raw -> {
            Map<Integer, String> tokens = new java.util.HashMap<>();
            raw.forEach((clientType, token) -> tokens.put(Integer.parseInt(clientType), token));
            return tokens;
        });
    }

    /** Stores whether the user shields pushes (TeamTalk's shield status: 1 on, 0 off). */
    public CompletionStage<Void> setPushShield(long userId, boolean shielded) {
        return redis.set(keys.pushShield(userId), shielded ? "1" : "0").thenApply(ok -> null);
    }

    /** Whether the user shields pushes; false when never set. */
    public CompletionStage<Boolean> pushShield(long userId) {
        return redis.get(keys.pushShield(userId)).thenApply("1"::equals);
    }
}
