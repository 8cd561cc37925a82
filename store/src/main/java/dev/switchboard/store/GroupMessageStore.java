package dev.switchboard.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Stores group messages ({@link RedisKeys#groupHistory}) with their effect on every member's unread counter and
 * sessions, in one script. Only route-service calls it; {@code MessageStore} reads them back. Values are raw bytes
 * (serialized {@code IM.BaseDefine.MsgInfo}).
 */
public final class GroupMessageStore {

    private static final LuaScript STORE = LuaScript.load("store-group-message.lua");
    private static final int GROUP = 2;

    private final RedisAsyncCommands<String, byte[]> redis;
    private final RedisKeys keys;

    public GroupMessageStore(RedisAsyncCommands<String, byte[]> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** What storing a group message did. */
    public enum Result {
        /** Stored now: every other member's unread count went up by one. */
        STORED,
        /** That msg_id was already stored (a replayed record): nothing changed. */
        DUPLICATE,
        /** The sender is not a member (any more): nothing stored. */
        NOT_MEMBER
    }

    /**
     * The outcome and the group's members at that moment (empty when {@link Result#NOT_MEMBER}).
     *
     * @param members member user ids, in no particular order
     */
    public record Outcome(Result result, List<Long> members) {
    }

    /**
     * Stores a group message once by msg_id if the sender is a member: the other members' unread count of the group
     * goes up by one, and every member's session with the group is touched (and no longer removed).
     */
    public CompletionStage<Outcome> store(long groupId, long senderId, long msgId, byte[] msgInfo,
                                          long updateTimeSeconds) {
        String[] k = {keys.groupHistory(groupId), keys.groupMembers(groupId)};
        return STORE.<String, byte[], List<Object>>run(redis, ScriptOutputType.MULTI, k, bytes(keys.prefix()),
                bytes(msgId), msgInfo, bytes(RedisKeys.sessionField(GROUP, groupId)), bytes(senderId),
                bytes(updateTimeSeconds)).thenApply(GroupMessageStore::outcome);
    }

    private static Outcome outcome(List<Object> reply) {
        long status = ((Number) reply.get(0)).longValue();
        if (status < 0) {
            return new Outcome(Result.NOT_MEMBER, List.of());
        }
        List<Long> members = reply.subList(1, reply.size()).stream().map(id -> ((Number) id).longValue()).toList();
        return new Outcome(status == 1 ? Result.STORED : Result.DUPLICATE, members);
    }

    private static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
