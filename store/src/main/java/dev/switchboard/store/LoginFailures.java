package dev.switchboard.store;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;

/**
 * Failed logins per subject, a login name or a source address ({@link RedisKeys#loginFailures}), shared by every
 * gateway, so a brute-forcer gains nothing by spreading guesses over gateways. Each failure counts; from a threshold
 * on, each failure blocks the subject for a backoff that doubles up to a maximum. Every key expires a window after its
 * subject's last failure, so the keys of names and addresses that stopped failing disappear by themselves. Written by
 * gateways only.
 */
public final class LoginFailures {

    private static final LuaScript FAILURE = LuaScript.load("login-failure.lua");

    /** How failures turn into backoff. */
    public record Policy(int threshold, Duration window, Duration backoff, Duration maxBackoff) {
    }

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public LoginFailures(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** The subject of a login name: its SHA-256 (a name may be long, a key should not be). */
    public static String user(String loginName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(loginName.getBytes(StandardCharsets.UTF_8));
            return "user:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject of a source address (its textual IP). */
    public static String address(String ip) {
        return "address:" + ip;
    }

    /** Until when (epoch millis) the subject's logins are refused; 0 or a past time: not blocked. */
    public CompletionStage<Long> blockedUntil(String subject) {
        return redis.hget(keys.loginFailures(subject), "blocked")
                .thenApply(blocked -> blocked == null ? 0L : Long.parseLong(blocked));
    }

    /** Counts a failure; completes with the new blocked-until time (0: below the threshold). */
    public CompletionStage<Long> failed(String subject, long nowMillis, Policy policy) {
        return FAILURE.run(redis, ScriptOutputType.INTEGER, new String[] {keys.loginFailures(subject)},
                String.valueOf(nowMillis), String.valueOf(policy.window().toMillis()),
                String.valueOf(policy.threshold()), String.valueOf(policy.backoff().toMillis()),
                String.valueOf(policy.maxBackoff().toMillis()));
    }

    /** Most addresses remembered per login name (the most recent ones). */
    static final int KNOWN_ADDRESSES = 20;

    /** Whether the login name logged in successfully from this address within the time it is remembered for. */
    public CompletionStage<Boolean> knownAddress(String loginName, String ip) {
        return redis.zscore(keys.loginKnownAddresses(user(loginName)), ip).thenApply(score -> score != null);
    }

    /**
     * Remembers a successful login of the name from this address for {@code keep} (the newest
     * {@value #KNOWN_ADDRESSES} addresses are kept; the key expires {@code keep} after the last success).
     */
    public CompletionStage<Void> rememberAddress(String loginName, String ip, long nowMillis, Duration keep) {
        String key = keys.loginKnownAddresses(user(loginName));
        redis.zadd(key, nowMillis, ip);
        redis.zremrangebyscore(key, Range.from(Range.Boundary.<Long>unbounded(),
                Range.Boundary.excluding(nowMillis - keep.toMillis())));
        redis.zremrangebyrank(key, 0, -(KNOWN_ADDRESSES + 1));
        return redis.pexpire(key, keep.toMillis()).thenApply(set -> null);
    }

    /** Forgets every address the login name logged in from (they are no longer exempt from its backoff). */
    public CompletionStage<Void> forgetAddresses(String loginName) {
        return redis.del(keys.loginKnownAddresses(user(loginName))).thenApply(deleted -> null);
    }

    /** Forgets the subject's failures (after a successful login of that name). */
    public CompletionStage<Void> reset(String subject) {
        return redis.del(keys.loginFailures(subject)).thenApply(deleted -> null);
    }
}
