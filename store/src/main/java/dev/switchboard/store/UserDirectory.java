package dev.switchboard.store;

import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The user directory in Redis ({@link RedisKeys#user}, {@link RedisKeys#userNames}, {@link RedisKeys#userIds}).
 * presence-service writes it; gateways read it at login.
 */
public final class UserDirectory {

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public UserDirectory(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public CompletionStage<Optional<UserRecord>> findByName(String name) {
        return redis.hget(keys.userNames(), name).thenCompose(id -> id == null
                ? CompletableFuture.completedStage(Optional.empty())
                : findById(Long.parseLong(id)));
    }

    public CompletionStage<Optional<UserRecord>> findById(long id) {
        return redis.hgetall(keys.user(id)).thenApply(fields -> fields.isEmpty()
                ? Optional.empty()
                : Optional.of(fromHash(id, fields)));
    }

    /** Creates or replaces a user (all fields) and indexes its name. */
    public CompletionStage<Void> save(UserRecord user) {
        return CompletableFuture.allOf(
                redis.hset(keys.user(user.id()), toHash(user)).toCompletableFuture(),
                redis.hset(keys.userNames(), user.name(), String.valueOf(user.id())).toCompletableFuture(),
                redis.zadd(keys.userIds(), user.updatedAt(), String.valueOf(user.id())).toCompletableFuture());
    }

    /** Replaces only the stored credential (credential upgrade after a successful login). */
    public CompletionStage<Void> updateCredential(long userId, String credential) {
        return redis.hset(keys.user(userId), "credential", credential).thenApply(changed -> null);
    }

    private static Map<String, String> toHash(UserRecord u) {
        Map<String, String> hash = new HashMap<>();
        hash.put("name", u.name());
        hash.put("nick", u.nick());
        hash.put("gender", String.valueOf(u.gender()));
        hash.put("avatar", u.avatarUrl());
        hash.put("department", String.valueOf(u.departmentId()));
        hash.put("email", u.email());
        hash.put("real_name", u.realName());
        hash.put("tel", u.tel());
        hash.put("domain", u.domain());
        hash.put("status", String.valueOf(u.status()));
        hash.put("sign_info", u.signInfo());
        hash.put("credential", u.credential());
        hash.put("updated", String.valueOf(u.updatedAt()));
        return hash;
    }

    private static UserRecord fromHash(long id, Map<String, String> h) {
        return new UserRecord(id, h.getOrDefault("name", ""), h.getOrDefault("nick", ""),
                number(h, "gender"), h.getOrDefault("avatar", ""), number(h, "department"),
                h.getOrDefault("email", ""), h.getOrDefault("real_name", ""), h.getOrDefault("tel", ""),
                h.getOrDefault("domain", ""), number(h, "status"), h.getOrDefault("sign_info", ""),
                h.get("credential"), number(h, "updated"));
    }

    private static int number(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
