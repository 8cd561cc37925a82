package dev.switchboard.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Groups in the directory ({@link RedisKeys#group}, {@link RedisKeys#groupMembers}, {@link RedisKeys#groupShield},
 * {@link RedisKeys#userGroups}) and the allocation of group msg_ids. Every write is one Lua script, so a group's
 * members and its members' group lists never disagree. Joining sets the member's read mark
 * ({@link RedisKeys#groupRead}) to the group's message count, so a new member has nothing unread from before; leaving
 * deletes it. Gateways write temporary groups and shields, presence-service normal groups; a dissolved group reads as
 * absent.
 */
public final class GroupStore {

    private static final LuaScript CREATE = LuaScript.load("group-create.lua");
    private static final LuaScript CHANGE = LuaScript.load("group-change-members.lua");
    private static final LuaScript UPDATE = LuaScript.load("group-update.lua");
    private static final LuaScript SHIELD = LuaScript.load("group-shield.lua");
    private static final LuaScript NEXT_MSG_ID = LuaScript.load("group-next-msg-id.lua");
    private static final String LIVE = "0";

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public GroupStore(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Creates a group (version 1) of the creator and those of {@code memberIds} that are users. Completes with the
     * group, or empty when the creator is not a user.
     */
    public CompletionStage<Optional<GroupRecord>> create(String name, String avatar, long creatorId, int type,
                                                         Collection<Long> memberIds) {
        List<String> args = new ArrayList<>(List.of(keys.prefix(), name, avatar, String.valueOf(creatorId),
                String.valueOf(type), String.valueOf(nowSeconds())));
        memberIds.forEach(id -> args.add(String.valueOf(id)));
        return CREATE.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI,
                new String[] {keys.groupNextId()}, args.toArray(String[]::new)).thenApply(result -> {
                    long id = number(result.get(0));
                    if (id == 0) {
                        return Optional.empty();
                    }
                    List<Long> members = numbers(result.subList(1, result.size()));
                    return Optional.of(new GroupRecord(id, name, avatar, creatorId, type, 1, sorted(members)));
                });
    }

    /** The group with its members, or empty when unknown or dissolved. */
    public CompletionStage<Optional<GroupRecord>> find(long groupId) {
        CompletableFuture<Map<String, String>> hash = redis.hgetall(keys.group(groupId)).toCompletableFuture();
        return members(groupId).thenCombine(hash, (members, fields) -> {
            if (!LIVE.equals(fields.get("status"))) {
                return Optional.<GroupRecord>empty();
            }
            return Optional.of(new GroupRecord(groupId, fields.getOrDefault("name", ""),
                    fields.getOrDefault("avatar", ""), Long.parseLong(fields.get("creator")),
                    Integer.parseInt(fields.get("type")), Integer.parseInt(fields.get("version")), members));
        });
    }

    /** Every live group, by id (for administration: reads each group ever created). */
    public CompletionStage<List<GroupRecord>> all() {
        return redis.get(keys.groupNextId()).thenCompose(last -> {
            long count = last == null ? 0 : Long.parseLong(last);
            List<CompletableFuture<Optional<GroupRecord>>> reads = new ArrayList<>();
            for (long id = 1; id <= count; id++) {
                reads.add(find(id).toCompletableFuture());
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> reads.stream()
                    .map(CompletableFuture::join).flatMap(Optional::stream).toList());
        });
    }

    /** Member user ids, ascending (empty for an unknown group). */
    public CompletionStage<List<Long>> members(long groupId) {
        return redis.smembers(keys.groupMembers(groupId))
                .thenApply(ids -> sorted(ids.stream().map(Long::parseLong).toList()));
    }

    public CompletionStage<Boolean> isMember(long groupId, long userId) {
        return redis.sismember(keys.groupMembers(groupId), String.valueOf(userId));
    }

    public CompletionStage<Boolean> isShielded(long groupId, long userId) {
        return redis.sismember(keys.groupShield(groupId), String.valueOf(userId));
    }

    /** Adds users (ids that are not users are skipped); empty when the group is unknown or dissolved. */
    public CompletionStage<Optional<MemberChange>> addMembers(long groupId, Collection<Long> userIds) {
        return change(groupId, "add", userIds);
    }

    /** Removes members (and their shields); empty when the group is unknown or dissolved. */
    public CompletionStage<Optional<MemberChange>> removeMembers(long groupId, Collection<Long> userIds) {
        return change(groupId, "del", userIds);
    }

    /** Removes every member and marks the group dissolved; empty when it is unknown or already dissolved. */
    public CompletionStage<Optional<MemberChange>> dissolve(long groupId) {
        return change(groupId, "dissolve", List.of());
    }

    /** Renames a group and replaces its avatar; completes with the new version, empty when unknown or dissolved. */
    public CompletionStage<Optional<Integer>> update(long groupId, String name, String avatar) {
        return UPDATE.<String, String, Long>run(redis, ScriptOutputType.INTEGER, new String[] {keys.group(groupId)},
                        name, avatar, String.valueOf(nowSeconds()))
                .thenApply(version -> version == 0 ? Optional.<Integer>empty() : Optional.of(version.intValue()));
    }

    /** Sets or clears a member's shield; false when the user is not a member. */
    public CompletionStage<Boolean> shield(long groupId, long userId, boolean shielded) {
        String[] k = {keys.groupMembers(groupId), keys.groupShield(groupId)};
        return SHIELD.<String, String, Long>run(redis, ScriptOutputType.INTEGER, k, String.valueOf(userId),
                shielded ? "1" : "0").thenApply(done -> done == 1L);
    }

    /** The live normal groups the user is a member of, by id. */
    public CompletionStage<List<GroupVersion>> normalGroups(long userId) {
        return redis.smembers(keys.userGroups(userId)).thenCompose(ids -> {
            List<CompletableFuture<Optional<GroupVersion>>> reads = ids.stream()
                    .map(id -> normalVersion(Long.parseLong(id)).toCompletableFuture())
                    .toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> reads.stream()
                    .map(CompletableFuture::join).flatMap(Optional::stream)
                    .sorted(Comparator.comparingLong(GroupVersion::groupId)).toList());
        });
    }

    /**
     * Allocates the group conversation's next msg_id (1, 2, 3, ...) if the sender is a member; completes with 0
     * (nothing allocated) when not.
     */
    public CompletionStage<Long> nextMsgId(long groupId, long senderId) {
        String[] k = {keys.groupMembers(groupId), keys.groupMsgId(groupId)};
        return NEXT_MSG_ID.run(redis, ScriptOutputType.INTEGER, k, String.valueOf(senderId));
    }

    private CompletionStage<Optional<GroupVersion>> normalVersion(long groupId) {
        return redis.hmget(keys.group(groupId), "type", "version", "status").thenApply(values -> {
            List<String> fields = values.stream().map(value -> value.getValueOrElse(null)).toList();
            boolean normal = String.valueOf(GroupRecord.NORMAL).equals(fields.get(0)) && LIVE.equals(fields.get(2));
            return normal ? Optional.of(new GroupVersion(groupId, Integer.parseInt(fields.get(1)))) : Optional.empty();
        });
    }

    private CompletionStage<Optional<MemberChange>> change(long groupId, String mode, Collection<Long> userIds) {
        String[] k = {keys.group(groupId), keys.groupMembers(groupId), keys.groupShield(groupId),
                keys.groupCounter(groupId)};
        List<String> args = new ArrayList<>(List.of(keys.prefix(), String.valueOf(groupId), mode,
                String.valueOf(nowSeconds())));
        userIds.forEach(id -> args.add(String.valueOf(id)));
        return CHANGE.<String, String, List<Object>>run(redis, ScriptOutputType.MULTI, k, args.toArray(String[]::new))
                .thenApply(result -> {
                    if (result.isEmpty()) {
                        return Optional.empty();
                    }
                    int changedCount = (int) number(result.get(1));
                    List<Long> changed = numbers(result.subList(2, 2 + changedCount));
                    List<Long> current = sorted(numbers(result.subList(2 + changedCount, result.size())));
                    return Optional.of(new MemberChange((int) number(result.get(0)), current, changed));
                });
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static List<Long> numbers(List<Object> values) {
        return values.stream().map(GroupStore::number).toList();
    }

    private static List<Long> sorted(List<Long> ids) {
        return ids.stream().sorted().toList();
    }
}
