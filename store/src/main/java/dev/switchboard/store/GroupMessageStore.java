package dev.switchboard.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Stores group messages ({@link RedisKeys#groupHistory}) and counts them in the group's counter
 * ({@link RedisKeys#groupCounter}), in one script whose writes do not grow with the group: a member's unread count
 * and group session are derived from the counter when read ({@code MessageStore}), as TeamTalk's db_proxy derives
 * them from its group and per-user counters. Only route-service calls it. Values are raw bytes (serialized
 * {@code IM.BaseDefine.MsgInfo}).
 */
public final class GroupMessageStore {

    private static final LuaScript STORE = LuaScript.load("store-group-message.lua");

    private final RedisAsyncCommands<String, byte[]> redis;
    private final RedisKeys keys;

    public GroupMessageStore(RedisAsyncCommands<String, byte[]> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** What storing a group message did. */
    public enum Result {
        /** Stored now: the group's count went up by one (every other member's unread with it). */
        STORED,
        /** That msg_id was already stored (a replayed record): nothing changed. */
        DUPLICATE,
        /** The sender is not a member (any more): nothing stored. */
        NOT_MEMBER
    }

    /**
     * The outcome and the group's members at that moment (empty when {@link Result#NOT_MEMBER}).
     *
     * @param members member user ids, in no particular order, as read right after storing
     */
    public record Outcome(Result result, List<Long> members) {
    }

    /**
     * Stores a group message once by msg_id if the sender is a member: the group's count goes up by one and its
     * update time becomes {@code updateTimeSeconds}, so every other member's unread count of the group goes up by one
     * and every member's session with the group is touched (a removed one comes back); the sender's read mark becomes
     * the new count (they have read their own message). The members are read by an SMEMBERS pipelined right after
     * the script (a plain command costs a fraction of returning them from Lua): a membership change landing between
     * the two is seen as if it had happened just before the message (a member added then receives it live, with
     * nothing unread; a member removed then does not).
     */
    public CompletionStage<Outcome> store(long groupId, long senderId, long msgId, byte[] msgInfo,
                                          long updateTimeSeconds) {
        String[] k = {keys.groupHistory(groupId), keys.groupMembers(groupId), keys.groupCounter(groupId),
                keys.groupRead(senderId)};
        CompletionStage<Long> status = STORE.run(redis, ScriptOutputType.INTEGER, k, bytes(msgId), msgInfo,
                bytes(groupId), bytes(senderId), bytes(updateTimeSeconds));
        CompletionStage<Set<byte[]>> members = redis.smembers(keys.groupMembers(groupId));
        return status.thenCombine(members, GroupMessageStore::outcome);
    }

    private static Outcome outcome(long status, Set<byte[]> members) {
        if (status < 0) {
            return new Outcome(Result.NOT_MEMBER, List.of());
        }
        List<Long> ids = members.stream().map(id -> Long.parseLong(new String(id, StandardCharsets.US_ASCII))).toList();
        return new Outcome(status == 1 ? Result.STORED : Result.DUPLICATE, ids);
    }

    private static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
