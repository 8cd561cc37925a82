package dev.switchboard.store;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Message ids, history, unread counters and recent sessions of conversations. Gateways allocate ids and read;
 * route-service stores messages, clears unread counters and removes sessions. Message values are raw bytes (serialized
 * {@code IM.BaseDefine.MsgInfo}). A conversation is a session type (1 single, 2 group) and a peer (the other user or
 * the group); a user reads a group conversation only while a member of the group, otherwise reads find nothing.
 */
public final class MessageStore {

    private static final LuaScript STORE = LuaScript.load("store-message.lua");
    private static final LuaScript READ = LuaScript.load("read-messages.lua");
    private static final LuaScript REMOVE_SESSION = LuaScript.load("remove-session.lua");
    private static final int SINGLE = 1;
    private static final int GROUP = 2;

    private final RedisAsyncCommands<String, byte[]> redis;
    private final RedisKeys keys;

    public MessageStore(RedisAsyncCommands<String, byte[]> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Allocates the next msg_id of the conversation between two users: 1, 2, 3, ... atomically. */
    public CompletionStage<Long> nextSingleMsgId(long userA, long userB) {
        return redis.incr(keys.singleMsgId(userA, userB));
    }

    /**
     * Stores a 1:1 message once by msg_id, bumps the recipient's unread count and both users' sessions (bringing the
     * conversation back for a user who removed it). Completes with true when stored now, false when that msg_id was
     * already there (nothing changed).
     */
    public CompletionStage<Boolean> storeSingle(long fromUserId, long toUserId, long msgId, byte[] msgInfo,
                                                long updateTimeSeconds) {
        String[] k = {keys.singleHistory(fromUserId, toUserId), keys.unread(toUserId), keys.sessions(fromUserId),
                keys.sessions(toUserId), keys.removedSessions(fromUserId), keys.removedSessions(toUserId)};
        return STORE.<String, byte[], Long>run(redis, ScriptOutputType.INTEGER, k, bytes(msgId), msgInfo,
                bytes(RedisKeys.sessionField(SINGLE, fromUserId)), bytes(RedisKeys.sessionField(SINGLE, toUserId)),
                bytes(updateTimeSeconds)).thenApply(stored -> stored == 1L);
    }

    /** The latest allocated msg_id of a 1:1 conversation (0 when none). */
    public CompletionStage<Long> latestSingleMsgId(long userA, long userB) {
        return redis.get(keys.singleMsgId(userA, userB)).thenApply(value -> value == null ? 0L : Long.parseLong(text(value)));
    }

    /**
     * Up to {@code count} stored messages of the user's conversation with msg_id &lt;= {@code msgIdBegin} (0: the
     * newest), newest first.
     */
    public CompletionStage<List<byte[]>> messages(long userId, int sessionType, long peerId, long msgIdBegin,
                                                  int count) {
        if (count <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        String[] k = {history(userId, sessionType, peerId), msgIdKey(userId, sessionType, peerId)};
        return canRead(userId, sessionType, peerId).thenCompose(allowed -> !allowed
                ? CompletableFuture.completedFuture(List.<byte[]>of())
                : READ.<String, byte[], List<byte[]>>run(redis, ScriptOutputType.MULTI, k, bytes(msgIdBegin),
                        bytes(count), bytes(count * 2L + 32)));
    }

    /** The newest stored message of the user's conversation, if any. */
    public CompletionStage<Optional<byte[]>> latestMessage(long userId, int sessionType, long peerId) {
        return messages(userId, sessionType, peerId, 0, 1)
                .thenApply(found -> found.isEmpty() ? Optional.empty() : Optional.of(found.get(0)));
    }

    /** The stored messages of the user's conversation with the given ids, in the order asked, skipping ids not stored. */
    public CompletionStage<List<byte[]>> messagesById(long userId, int sessionType, long peerId, List<Long> msgIds) {
        if (msgIds.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        String[] fields = msgIds.stream().map(String::valueOf).toArray(String[]::new);
        return canRead(userId, sessionType, peerId).thenCompose(allowed -> !allowed
                ? CompletableFuture.completedFuture(List.<byte[]>of())
                : redis.hmget(history(userId, sessionType, peerId), fields).thenApply(values -> {
                    List<byte[]> found = new ArrayList<>(values.size());
                    values.forEach(value -> value.ifHasValue(found::add));
                    return found;
                }));
    }

    /** Unread counts of a user by session field ({@code "{sessionType}:{peerId}"}). */
    public CompletionStage<Map<String, Long>> unread(long userId) {
        return redis.hgetall(keys.unread(userId)).thenApply(raw -> {
            Map<String, Long> counts = new HashMap<>();
            raw.forEach((field, value) -> counts.put(field, Long.parseLong(text(value))));
            return counts;
        });
    }

    /** The user's sessions updated after {@code sinceSeconds}, newest first, at most {@code limit}. */
    public CompletionStage<List<RecentSession>> recentSessions(long userId, long sinceSeconds, int limit) {
        return updatedAfter(keys.sessions(userId), sinceSeconds, limit);
    }

    /** The user's sessions removed after {@code sinceSeconds}, newest removal first, at most {@code limit}. */
    public CompletionStage<List<RecentSession>> removedSessions(long userId, long sinceSeconds, int limit) {
        return updatedAfter(keys.removedSessions(userId), sinceSeconds, limit);
    }

    /** Clears the user's unread counter of one conversation (a read acknowledgement). */
    public CompletionStage<Void> clearUnread(long userId, int sessionType, long peerId) {
        return redis.hdel(keys.unread(userId), RedisKeys.sessionField(sessionType, peerId)).thenApply(deleted -> null);
    }

    /**
     * Removes a conversation from the user's recent sessions as of {@code removedSeconds}: leaves a tombstone and
     * clears its unread counter. Completes with false when the session changed after that time (left alone).
     */
    public CompletionStage<Boolean> removeSession(long userId, int sessionType, long peerId, long removedSeconds) {
        String[] k = {keys.sessions(userId), keys.removedSessions(userId), keys.unread(userId)};
        return REMOVE_SESSION.<String, byte[], Long>run(redis, ScriptOutputType.INTEGER, k,
                bytes(RedisKeys.sessionField(sessionType, peerId)), bytes(removedSeconds))
                .thenApply(removed -> removed == 1L);
    }

    private CompletionStage<Boolean> canRead(long userId, int sessionType, long peerId) {
        if (sessionType == GROUP) {
            return redis.sismember(keys.groupMembers(peerId), bytes(userId));
        }
        return CompletableFuture.completedFuture(sessionType == SINGLE && peerId != 0 && peerId != userId);
    }

    private CompletionStage<List<RecentSession>> updatedAfter(String key, long sinceSeconds, int limit) {
        return redis.zrevrangebyscoreWithScores(key,
                        Range.from(Range.Boundary.excluding(sinceSeconds), Range.Boundary.unbounded()),
                        Limit.create(0, limit))
                .thenApply(entries -> {
                    List<RecentSession> sessions = new ArrayList<>(entries.size());
                    for (ScoredValue<byte[]> entry : entries) {
                        sessions.add(RecentSession.parse(text(entry.getValue()), entry.getScore()));
                    }
                    return sessions;
                });
    }

    private String history(long userId, int sessionType, long peerId) {
        return sessionType == GROUP ? keys.groupHistory(peerId) : keys.singleHistory(userId, peerId);
    }

    private String msgIdKey(long userId, int sessionType, long peerId) {
        return sessionType == GROUP ? keys.groupMsgId(peerId) : keys.singleMsgId(userId, peerId);
    }

    private static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
