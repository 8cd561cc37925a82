package dev.switchboard.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
     * The outcome and the group's members' live connections at that moment (empty when {@link Result#NOT_MEMBER}).
     *
     * @param connections every connection presence holds for any member (the sender's included), read in the same
     *                    script as the store, in no particular order
     */
    public record Outcome(Result result, List<PresenceEntry> connections) {
    }

    /**
     * Stores a group message once by msg_id if the sender is a member: the group's count goes up by one and its
     * update time becomes {@code updateTimeSeconds}, so every other member's unread count of the group goes up by one
     * and every member's session with the group is touched (a removed one comes back); the sender's read mark becomes
     * the new count (they have read their own message). The same script then reads every member's connections, so a
     * membership change is either wholly before the message (a member added receives it live, with nothing unread; a
     * member removed does not) or wholly after it. They come back packed in one string (see the script), which is
     * what makes a 1,000-member group cheap to resolve.
     */
    public CompletionStage<Outcome> store(long groupId, long senderId, long msgId, byte[] msgInfo,
                                          long updateTimeSeconds) {
        String[] k = {keys.groupHistory(groupId), keys.groupMembers(groupId), keys.groupCounter(groupId),
                keys.groupRead(senderId)};
        CompletionStage<List<Object>> reply = STORE.run(redis, ScriptOutputType.MULTI, k, bytes(msgId), msgInfo,
                bytes(groupId), bytes(senderId), bytes(updateTimeSeconds), bytes(keys.prefix()));
        return reply.thenApply(GroupMessageStore::outcome);
    }

    private static Outcome outcome(List<Object> reply) {
        long status = (Long) reply.get(0);
        if (status < 0) {
            return new Outcome(Result.NOT_MEMBER, List.of());
        }
        return new Outcome(status == 1 ? Result.STORED : Result.DUPLICATE,
                connections(new String((byte[]) reply.get(1), StandardCharsets.UTF_8)));
    }

    /** Lines of "{userId} {field} {value}", as the script packs them. */
    static List<PresenceEntry> connections(String packed) {
        List<PresenceEntry> entries = new ArrayList<>();
        int start = 0;
        while (start < packed.length()) {
            int end = packed.indexOf('\n', start);
            if (end < 0) {
                end = packed.length();
            }
            int user = packed.indexOf(' ', start);
            int field = packed.indexOf(' ', user + 1);
            entries.add(PresenceEntry.parse(Long.parseLong(packed, start, user, 10),
                    packed.substring(user + 1, field), packed.substring(field + 1, end)));
            start = end + 1;
        }
        return entries;
    }

    private static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
