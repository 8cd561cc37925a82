package dev.switchboard.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Deduplicates client resends across gateways. A message is identified by its sender, conversation and a digest of
 * what the client sent (create time and content); the first copy <em>claims</em> that identity and gets the
 * conversation's next msg_id in the same atomic step ({@code message-claim.lua}), later copies within the window get
 * the same msg_id back instead of a new one.
 * <p>
 * A claim is <em>pending</em> until its publisher reports the message durable ({@link #acknowledge}); a copy that
 * arrives meanwhile learns it is pending and asks again later, so it is never acknowledged before the original is
 * durable. A publisher whose publish failed {@linkplain #release releases} the claim; a pending claim whose deadline
 * passed (its gateway died) is treated the same. The next copy then <em>takes the claim over</em> with the same
 * msg_id and publishes it itself: if the first publish did reach Kafka after all, route-service stores the msg_id
 * once, so nothing is stored twice.
 */
public final class SendClaims {

    private static final LuaScript CLAIM = LuaScript.load("message-claim.lua");
    private static final LuaScript RELEASE = LuaScript.load("message-release.lua");
    private static final int GROUP = 2;

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public SendClaims(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * One sent message's identity.
     *
     * @param sessionType 1 single, 2 group
     * @param peerId      the recipient user or the group
     * @param contentHash digest of the client's create_time and content (digits, colons and hex)
     */
    public record SendKey(long fromUserId, int sessionType, long peerId, String contentHash) {
    }

    /** What a claim found. */
    public enum Outcome {
        /** This caller publishes the message with {@link Claim#msgId()}: a new one, or one taken over. */
        CLAIMED,
        /** A copy was already acknowledged with {@link Claim#msgId()}. */
        ACKNOWLEDGED,
        /** A copy is being published by someone else; ask again later. */
        PENDING,
        /** A group message from a non-member: nothing allocated. */
        NOT_MEMBER
    }

    /**
     * The result of {@link #claim}.
     *
     * @param marker the pending marker this caller set (only for {@link Outcome#CLAIMED}), needed to release it
     */
    public record Claim(Outcome outcome, long msgId, String marker) {
    }

    /**
     * Claims the message or reports the copy already claimed, atomically.
     *
     * @param window         how long the message's identity is remembered (from the first claim)
     * @param pendingTimeout how long a claim belongs to its publisher before another copy may take it over
     */
    public CompletionStage<Claim> claim(SendKey key, long nowMillis, Duration window, Duration pendingTimeout) {
        String deadline = String.valueOf(nowMillis + pendingTimeout.toMillis());
        String[] k;
        String[] args;
        if (key.sessionType() == GROUP) {
            k = new String[]{claimKey(key), keys.groupMsgId(key.peerId()), keys.groupMembers(key.peerId())};
            args = new String[]{String.valueOf(window.toMillis()), String.valueOf(nowMillis), deadline,
                    String.valueOf(key.fromUserId())};
        } else {
            k = new String[]{claimKey(key), keys.singleMsgId(key.fromUserId(), key.peerId())};
            args = new String[]{String.valueOf(window.toMillis()), String.valueOf(nowMillis), deadline};
        }
        return CLAIM.<String, String, List<Long>>run(redis, ScriptOutputType.MULTI, k, args).thenApply(result -> {
            long msgId = result.get(1);
            return switch (result.get(0).intValue()) {
                case 1 -> new Claim(Outcome.CLAIMED, msgId, "p:" + msgId + ":" + deadline);
                case 2 -> new Claim(Outcome.ACKNOWLEDGED, msgId, null);
                case 3 -> new Claim(Outcome.PENDING, msgId, null);
                default -> new Claim(Outcome.NOT_MEMBER, 0, null);
            };
        });
    }

    /** The message is durable: later copies are acknowledged with its msg_id at once (the window is unchanged). */
    public CompletionStage<Void> acknowledge(SendKey key, long msgId) {
        return redis.set(claimKey(key), "a:" + msgId, SetArgs.Builder.xx().keepttl()).thenApply(ok -> null);
    }

    /**
     * The publish of a {@link Outcome#CLAIMED} message failed: the next copy takes the claim over with the same
     * msg_id. Completes with false when the claim changed meanwhile (then it is someone else's).
     */
    public CompletionStage<Boolean> release(SendKey key, Claim claim) {
        return RELEASE.<String, String, Long>run(redis, ScriptOutputType.INTEGER, new String[]{claimKey(key)},
                claim.marker(), "p:" + claim.msgId() + ":0").thenApply(released -> released == 1L);
    }

    private String claimKey(SendKey key) {
        return keys.sendClaim(key.fromUserId(), key.sessionType(), key.peerId(), key.contentHash());
    }
}
