package dev.switchboard.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Message ids, history and unread counters of 1:1 conversations. Gateways allocate ids; route-service stores
 * messages; anyone reads. Values are raw bytes (serialized {@code IM.BaseDefine.MsgInfo}).
 */
public final class MessageStore {

    private static final LuaScript STORE = LuaScript.load("store-message.lua");
    private static final int SINGLE = 1;

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
     * Stores a 1:1 message once by msg_id, bumps the recipient's unread count and both users' sessions. Completes with
     * true when stored now, false when that msg_id was already there (nothing changed).
     */
    public CompletionStage<Boolean> storeSingle(long fromUserId, long toUserId, long msgId, byte[] msgInfo,
                                                long updateTimeSeconds) {
        String[] k = {keys.singleHistory(fromUserId, toUserId), keys.unread(toUserId), keys.sessions(fromUserId),
                keys.sessions(toUserId)};
        return STORE.<String, byte[], Long>run(redis, ScriptOutputType.INTEGER, k, bytes(msgId), msgInfo,
                bytes(RedisKeys.sessionField(SINGLE, fromUserId)), bytes(RedisKeys.sessionField(SINGLE, toUserId)),
                bytes(updateTimeSeconds)).thenApply(stored -> stored == 1L);
    }

    /** The stored messages with the given ids, in the order asked, skipping ids not stored. */
    public CompletionStage<List<byte[]>> singleMessages(long userA, long userB, List<Long> msgIds) {
        String[] fields = msgIds.stream().map(String::valueOf).toArray(String[]::new);
        return redis.hmget(keys.singleHistory(userA, userB), fields).thenApply(values -> {
            List<byte[]> found = new ArrayList<>(values.size());
            values.forEach(value -> value.ifHasValue(found::add));
            return found;
        });
    }

    /** The latest allocated msg_id of a 1:1 conversation (0 when none). */
    public CompletionStage<Long> latestSingleMsgId(long userA, long userB) {
        return redis.get(keys.singleMsgId(userA, userB)).thenApply(value -> value == null ? 0L : Long.parseLong(text(value)));
    }

    /** Unread counts of a user by session field ({@code "{sessionType}:{peerId}"}). */
    public CompletionStage<Map<String, Long>> unread(long userId) {
        return redis.hgetall(keys.unread(userId)).thenApply(raw -> {
            Map<String, Long> counts = new java.util.HashMap<>();
            raw.forEach((field, value) -> counts.put(field, Long.parseLong(text(value))));
            return counts;
        });
    }

    private static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
