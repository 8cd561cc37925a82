package dev.switchboard.store;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SortArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The user directory in Redis ({@link RedisKeys#user}, {@link RedisKeys#userNames}, {@link RedisKeys#userIds}).
 * presence-service writes it (admin API, seeding); gateways read it at login and write what a client changes about
 * itself (sign info, avatar). Every write that touches more than the user's hash is one Lua script, so the name index
 * and the change index ({@code user:ids}, scored by the {@code updated} time) always agree with the hashes.
 */
public final class UserDirectory {

    private static final LuaScript WRITE = LuaScript.load("user-write.lua");
    private static final LuaScript UPGRADE = LuaScript.load("credential-upgrade.lua");

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

    /** The users that exist among {@code ids}, in the order given, each once; one pipelined round trip. */
    public CompletionStage<List<UserRecord>> findAll(Collection<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        List<CompletableFuture<Map<String, String>>> reads = distinct.stream()
                .map(id -> redis.hgetall(keys.user(id)).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<UserRecord> users = new ArrayList<>();
            for (int i = 0; i < distinct.size(); i++) {
                Map<String, String> fields = reads.get(i).join();
                if (!fields.isEmpty()) {
                    users.add(fromHash(distinct.get(i), fields));
                }
            }
            return users;
        });
    }

    /** Users whose {@code updated} time is strictly after {@code afterSeconds} (0: everyone), disabled ones included. */
    public CompletionStage<List<UserRecord>> updatedAfter(long afterSeconds) {
        Range<Long> after = Range.from(Range.Boundary.excluding(afterSeconds), Range.Boundary.unbounded());
        return redis.zrangebyscore(keys.userIds(), after)
                .thenCompose(ids -> findAll(ids.stream().map(Long::parseLong).toList()));
    }

    /** One page of users by ascending id. */
    public CompletionStage<List<UserRecord>> list(long offset, long count) {
        return redis.sort(keys.userIds(), SortArgs.Builder.limit(offset, count))
                .thenCompose(ids -> findAll(ids.stream().map(Long::parseLong).toList()));
    }

    /** How many users exist, disabled ones included. */
    public CompletionStage<Long> count() {
        return redis.zcard(keys.userIds());
    }

    /** One more than the highest user id (1 when there is none); {@link #create} still decides who gets it. */
    public CompletionStage<Long> nextFreeId() {
        return redis.sort(keys.userIds(), SortArgs.Builder.desc().limit(0, 1))
                .thenApply(highest -> highest.isEmpty() ? 1L : Long.parseLong(highest.get(0)) + 1);
    }

    /** Creates a user unless its id or name is taken. */
    public CompletionStage<DirectoryWrite> create(UserRecord user) {
        return write("create", user.id(), user.updatedAt(), toHash(user));
    }

    /** Creates or replaces a user (all fields) and indexes its name, unless the name belongs to another user. */
    public CompletionStage<DirectoryWrite> save(UserRecord user) {
        return write("upsert", user.id(), user.updatedAt(), toHash(user));
    }

    /**
     * Changes some fields of an existing user and sets its {@code updated} time to {@code nowSeconds}, so clients'
     * incremental all-user sync picks the change up. A new {@link UserField#NAME} is re-indexed atomically.
     */
    public CompletionStage<DirectoryWrite> update(long userId, Map<UserField, String> changes, long nowSeconds) {
        Map<String, String> fields = new LinkedHashMap<>();
        changes.forEach((field, value) -> fields.put(field.hashField(), value));
        return write("update", userId, nowSeconds, fields);
    }

    /**
     * Replaces only the stored credential, and only if it is still {@code checked} (credential upgrade after a
     * successful login: a password changed meanwhile is kept); clients see no change, so {@code updated} stays.
     * Completes with whether it was replaced.
     */
    public CompletionStage<Boolean> upgradeCredential(long userId, String checked, String replacement) {
        return UPGRADE.<String, String, Long>run(redis, ScriptOutputType.INTEGER, new String[]{keys.user(userId)},
                checked, replacement).thenApply(replaced -> replaced == 1L);
    }

    private CompletionStage<DirectoryWrite> write(String mode, long userId, long updated, Map<String, String> fields) {
        String[] k = {keys.user(userId), keys.userNames(), keys.userIds()};
        List<String> args = new ArrayList<>(List.of(mode, String.valueOf(userId), String.valueOf(updated)));
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return WRITE.<String, String, String>run(redis, ScriptOutputType.VALUE, k, args.toArray(String[]::new))
                .thenApply(DirectoryWrite::of);
    }

    private static Map<String, String> toHash(UserRecord u) {
        Map<String, String> hash = new LinkedHashMap<>();
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
        if (u.credential() != null) {
            hash.put("credential", u.credential());
        }
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
