package dev.switchboard.store;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Message ids, history, unread counters and recent sessions of conversations. Gateways allocate ids and read;
 * route-service stores messages, clears unread counters and removes sessions. Message values are raw bytes (serialized
 * {@code IM.BaseDefine.MsgInfo}). A conversation is a session type (1 single, 2 group) and a peer (the other user or
 * the group); a user reads a group conversation only while a member of the group, otherwise reads find nothing.
 * A 1:1 message writes both users' unread and sessions; a group message writes only its group's counter
 * ({@link GroupMessageStore}), from which each read derives a member's unread (counter minus read mark) and group
 * sessions (the counter's update time), one script per read.
 */
public final class MessageStore {

    private static final LuaScript STORE = LuaScript.load("store-message.lua");
    private static final LuaScript READ = LuaScript.load("read-messages.lua");
    private static final LuaScript REMOVE_SESSION = LuaScript.load("remove-session.lua");
    private static final LuaScript REMOVE_GROUP_SESSION = LuaScript.load("remove-group-session.lua");
    private static final LuaScript CLEAR_GROUP_UNREAD = LuaScript.load("clear-group-unread.lua");
    private static final LuaScript UNREAD = LuaScript.load("unread-counts.lua");
    private static final LuaScript RECENT_SESSIONS = LuaScript.load("recent-sessions.lua");
    private static final LuaScript REMOVED_SESSIONS = LuaScript.load("removed-sessions.lua");
    private static final LuaScript TRIM = LuaScript.load("history-trim.lua");
    /** Most msg_ids one trim removes from one conversation's cache (a large pre-bound cache shrinks over several). */
    static final int MAX_TRIM = 1000;
    private static final int SINGLE = 1;
    /** Most messages one {@code store-message.lua} run stores (each run holds Redis for its duration). */
    static final int MAX_RUN = 128;
    private static final int GROUP = 2;

    private final RedisAsyncCommands<String, byte[]> redis;
    private final RedisKeys keys;
    private final ColdHistory cold;

    /** A store whose reads know nothing beyond Redis (what tests of the Redis part alone use). */
    public MessageStore(RedisAsyncCommands<String, byte[]> redis, RedisKeys keys) {
        this(redis, keys, ColdHistory.NONE);
    }

    /** A store whose reads continue in {@code cold} (PostgreSQL) where Redis's cache of a conversation ends. */
    public MessageStore(RedisAsyncCommands<String, byte[]> redis, RedisKeys keys, ColdHistory cold) {
        this.redis = redis;
        this.keys = keys;
        this.cold = cold;
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
        return storeSingles(List.of(new SingleMessage(fromUserId, toUserId, msgId, msgInfo, updateTimeSeconds)), false)
                .thenApply(stored -> stored.get(0).stored());
    }

    /**
     * Stores 1:1 messages as {@link #storeSingle} does, in order, in one script run (one command and one round trip
     * for all of them), and with {@code withPresence} also reads both users' connections right after each store: what
     * route-service needs to deliver a run of messages. Runs of up to {@value #MAX_RUN} messages; longer lists are
     * split into several script runs, all sent at once.
     */
    public CompletionStage<List<StoredSingle>> storeSingles(List<SingleMessage> messages, boolean withPresence) {
        if (messages.size() > MAX_RUN) {
            List<CompletableFuture<List<StoredSingle>>> parts = new ArrayList<>();
            for (int from = 0; from < messages.size(); from += MAX_RUN) {
                parts.add(storeSingles(messages.subList(from, Math.min(messages.size(), from + MAX_RUN)), withPresence)
                        .toCompletableFuture());
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<StoredSingle> all = new ArrayList<>(messages.size());
                parts.forEach(part -> all.addAll(part.join()));
                return all;
            });
        }
        int per = withPresence ? 8 : 6;
        String[] k = new String[messages.size() * per];
        byte[][] args = new byte[1 + messages.size() * 5][];
        args[0] = bytes(per);
        for (int m = 0; m < messages.size(); m++) {
            SingleMessage message = messages.get(m);
            long from = message.fromUserId();
            long to = message.toUserId();
            int i = m * per;
            k[i] = keys.singleHistory(from, to);
            k[i + 1] = keys.unread(to);
            k[i + 2] = keys.sessions(from);
            k[i + 3] = keys.sessions(to);
            k[i + 4] = keys.removedSessions(from);
            k[i + 5] = keys.removedSessions(to);
            if (withPresence) {
                k[i + 6] = keys.presence(to);
                k[i + 7] = keys.presence(from);
            }
            int a = 1 + m * 5;
            args[a] = bytes(message.msgId());
            args[a + 1] = message.msgInfo();
            args[a + 2] = bytes(RedisKeys.sessionField(SINGLE, from));
            args[a + 3] = bytes(RedisKeys.sessionField(SINGLE, to));
            args[a + 4] = bytes(message.updateTimeSeconds());
        }
        return STORE.<String, byte[], List<Object>>run(redis, ScriptOutputType.MULTI, k, args).thenApply(results -> {
            List<StoredSingle> stored = new ArrayList<>(messages.size());
            for (int m = 0; m < messages.size(); m++) {
                List<?> result = (List<?>) results.get(m);
                stored.add(new StoredSingle((Long) result.get(0) == 1L,
                        PresenceEntry.parseFlat(messages.get(m).toUserId(), (List<?>) result.get(1)),
                        PresenceEntry.parseFlat(messages.get(m).fromUserId(), (List<?>) result.get(2))));
            }
            return stored;
        });
    }

    /** A 1:1 message to store: sender, recipient, msg_id, serialized {@code MsgInfo}, update time in seconds. */
    public record SingleMessage(long fromUserId, long toUserId, long msgId, byte[] msgInfo, long updateTimeSeconds) {
    }

    /**
     * What storing a 1:1 message found: whether it was stored now (false: that msg_id was already there), and, when
     * asked for, the recipient's and the sender's live connections as presence holds them right after the store.
     */
    public record StoredSingle(boolean stored, List<PresenceEntry> recipientConnections,
                               List<PresenceEntry> senderConnections) {
    }

    /** The latest allocated msg_id of a 1:1 conversation (0 when none). */
    public CompletionStage<Long> latestSingleMsgId(long userA, long userB) {
        return redis.get(keys.singleMsgId(userA, userB)).thenApply(value -> value == null ? 0L : Long.parseLong(text(value)));
    }

    /**
     * Up to {@code count} stored messages of the user's conversation with msg_id &lt;= {@code msgIdBegin} (0: the
     * newest), newest first: from Redis's cache of the conversation's newest messages, continued in the
     * {@link ColdHistory} below the cache (or for the whole page when the cache has expired or was lost).
     */
    public CompletionStage<List<byte[]>> messages(long userId, int sessionType, long peerId, long msgIdBegin,
                                                  int count) {
        if (count <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        String[] k = {history(userId, sessionType, peerId), msgIdKey(userId, sessionType, peerId)};
        return canRead(userId, sessionType, peerId).thenCompose(allowed -> !allowed
                ? CompletableFuture.completedFuture(List.<byte[]>of())
                : READ.<String, byte[], List<Object>>run(redis, ScriptOutputType.MULTI, k, bytes(msgIdBegin),
                        bytes(count), bytes(count * 2L + 32)).thenCompose(reply -> {
                            long continueFrom = (Long) reply.get(0);
                            List<byte[]> cached = new ArrayList<>(reply.size() - 1);
                            for (int i = 1; i < reply.size(); i++) {
                                cached.add((byte[]) reply.get(i));
                            }
                            if (continueFrom < 0) {
                                return CompletableFuture.completedFuture(cached);
                            }
                            return cold.page(sessionType, userId, peerId, continueFrom, count - cached.size())
                                    .thenApply(older -> concat(cached, older));
                        }));
    }

    /** The newest stored message of the user's conversation, if any. */
    public CompletionStage<Optional<byte[]>> latestMessage(long userId, int sessionType, long peerId) {
        return messages(userId, sessionType, peerId, 0, 1)
                .thenApply(found -> found.isEmpty() ? Optional.empty() : Optional.of(found.get(0)));
    }

    /**
     * The stored messages of the user's conversation with the given ids, in the order asked, skipping ids not stored:
     * from Redis's cache, and those it lacks from the {@link ColdHistory}.
     */
    public CompletionStage<List<byte[]>> messagesById(long userId, int sessionType, long peerId, List<Long> msgIds) {
        if (msgIds.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        String[] fields = msgIds.stream().map(String::valueOf).toArray(String[]::new);
        return canRead(userId, sessionType, peerId).thenCompose(allowed -> !allowed
                ? CompletableFuture.completedFuture(List.<byte[]>of())
                : redis.hmget(history(userId, sessionType, peerId), fields).thenCompose(values -> {
                    List<Long> missing = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) {
                        if (!values.get(i).hasValue()) {
                            missing.add(msgIds.get(i));
                        }
                    }
                    if (missing.isEmpty()) {
                        return CompletableFuture.completedFuture(
                                values.stream().map(KeyValue::getValue).toList());
                    }
                    return cold.byIds(sessionType, userId, peerId, missing).thenApply(fromCold -> {
                        List<byte[]> found = new ArrayList<>(values.size());
                        for (int i = 0; i < values.size(); i++) {
                            byte[] value = values.get(i).hasValue() ? values.get(i).getValue()
                                    : fromCold.get(msgIds.get(i));
                            if (value != null) {
                                found.add(value);
                            }
                        }
                        return found;
                    });
                }));
    }

    /**
     * Unread counts of a user by session field ({@code "{sessionType}:{peerId}"}), only those above 0: 1:1
     * conversations and the user's groups (a group's message count minus the user's read mark).
     */
    public CompletionStage<Map<String, Long>> unread(long userId) {
        String[] k = {keys.unread(userId), keys.userGroups(userId), keys.groupRead(userId)};
        return UNREAD.<String, byte[], List<Object>>run(redis, ScriptOutputType.MULTI, k, bytes(keys.prefix()))
                .thenApply(reply -> {
                    Map<String, Long> counts = new HashMap<>();
                    for (int i = 0; i < reply.size(); i += 2) {
                        counts.put(text((byte[]) reply.get(i)), ((Number) reply.get(i + 1)).longValue());
                    }
                    return counts;
                });
    }

    /**
     * The user's sessions updated after {@code sinceSeconds}, newest first, at most {@code limit}: 1:1 sessions and
     * the user's groups with a message (as of the last one), but a removed group session until a message newer than
     * its removal.
     */
    public CompletionStage<List<RecentSession>> recentSessions(long userId, long sinceSeconds, int limit) {
        String[] k = {keys.sessions(userId), keys.userGroups(userId), keys.groupRemoved(userId)};
        return RECENT_SESSIONS.<String, byte[], List<byte[]>>run(redis, ScriptOutputType.MULTI, k,
                bytes(keys.prefix()), bytes(sinceSeconds), bytes(limit)).thenApply(MessageStore::sessions);
    }

    /**
     * The user's sessions removed after {@code sinceSeconds}, newest removal first, at most {@code limit}; a session
     * with a message newer than its removal is not removed any more.
     */
    public CompletionStage<List<RecentSession>> removedSessions(long userId, long sinceSeconds, int limit) {
        String[] k = {keys.removedSessions(userId), keys.groupRemoved(userId)};
        return REMOVED_SESSIONS.<String, byte[], List<byte[]>>run(redis, ScriptOutputType.MULTI, k,
                bytes(keys.prefix()), bytes(sinceSeconds), bytes(limit)).thenApply(MessageStore::sessions);
    }

    /**
     * Clears the user's unread counter of one conversation (a read acknowledgement); for a group, the user's read
     * mark becomes the group's count (members only).
     */
    public CompletionStage<Void> clearUnread(long userId, int sessionType, long peerId) {
        String field = RedisKeys.sessionField(sessionType, peerId);
        if (sessionType == GROUP) {
            String[] k = {keys.groupCounter(peerId), keys.groupRead(userId), keys.userGroups(userId),
                    keys.unread(userId)};
            return CLEAR_GROUP_UNREAD.<String, byte[], Long>run(redis, ScriptOutputType.INTEGER, k, bytes(peerId),
                    bytes(field)).thenApply(done -> null);
        }
        return redis.hdel(keys.unread(userId), field).thenApply(deleted -> null);
    }

    /**
     * Removes a conversation from the user's recent sessions as of {@code removedSeconds}: leaves a tombstone and
     * clears its unread counter. Completes with false when the session changed after that time (left alone).
     */
    public CompletionStage<Boolean> removeSession(long userId, int sessionType, long peerId, long removedSeconds) {
        byte[] field = bytes(RedisKeys.sessionField(sessionType, peerId));
        CompletionStage<Long> removed;
        if (sessionType == GROUP) {
            String[] k = {keys.groupCounter(peerId), keys.removedSessions(userId), keys.groupRemoved(userId),
                    keys.groupRead(userId), keys.userGroups(userId), keys.sessions(userId), keys.unread(userId)};
            removed = REMOVE_GROUP_SESSION.run(redis, ScriptOutputType.INTEGER, k, bytes(peerId), field,
                    bytes(removedSeconds));
        } else {
            String[] k = {keys.sessions(userId), keys.removedSessions(userId), keys.unread(userId)};
            removed = REMOVE_SESSION.run(redis, ScriptOutputType.INTEGER, k, field, bytes(removedSeconds));
        }
        return removed.thenApply(done -> done == 1L);
    }

    /**
     * Bounds the history caches of conversations whose messages up to the given msg_ids are committed to PostgreSQL:
     * each keeps its newest {@code keep} messages, and expires {@code ttl} after its last commit. One script run for
     * them all.
     *
     * @return how many cached messages were let go
     */
    public CompletionStage<Long> trimHistory(List<Committed> committed, int keep, Duration ttl) {
        if (committed.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        String[] k = new String[committed.size()];
        byte[][] args = new byte[3 + committed.size()][];
        args[0] = bytes(keep);
        args[1] = bytes(Math.max(1, ttl.toSeconds()));
        args[2] = bytes(MAX_TRIM);
        for (int i = 0; i < committed.size(); i++) {
            Committed conversation = committed.get(i);
            k[i] = history(conversation.userId(), conversation.sessionType(), conversation.peerId());
            args[3 + i] = bytes(conversation.maxMsgId());
        }
        return TRIM.run(redis, ScriptOutputType.INTEGER, k, args);
    }

    /**
     * Every conversation's cached history, one SCAN batch at a time (for copying what Redis holds into PostgreSQL);
     * blocking. {@code batch} gets each batch's conversations with their cached messages by msg_id.
     */
    public void scanHistory(Consumer<List<CachedHistory>> batch) {
        String single = keys.prefix() + "history:single:";
        String group = keys.prefix() + "history:group:";
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(keys.prefix() + "history:*")
                    .limit(500)).toCompletableFuture().join();
            List<CachedHistory> conversations = new ArrayList<>();
            for (String key : page.getKeys()) {
                Map<Long, byte[]> messages = new HashMap<>();
                redis.hgetall(key).toCompletableFuture().join().forEach((field, value) -> {
                    if (!field.isEmpty() && field.chars().allMatch(Character::isDigit)) {
                        messages.put(Long.parseLong(field), value);
                    }
                });
                if (key.startsWith(single)) {
                    String[] users = key.substring(single.length()).split(":");
                    conversations.add(new CachedHistory(SINGLE, Long.parseLong(users[0]), Long.parseLong(users[1]),
                            messages));
                } else if (key.startsWith(group)) {
                    conversations.add(new CachedHistory(GROUP, 0, Long.parseLong(key.substring(group.length())),
                            messages));
                }
            }
            if (!conversations.isEmpty()) {
                batch.accept(conversations);
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    /** Whether Redis's history was copied into PostgreSQL once ({@link #markHistoryCopied}); lost with Redis. */
    public CompletionStage<Boolean> historyCopied() {
        return redis.exists(historyCopiedKey()).thenApply(count -> count > 0);
    }

    /** Records that every message Redis held is in PostgreSQL now. */
    public CompletionStage<Void> markHistoryCopied() {
        return redis.set(historyCopiedKey(), bytes(System.currentTimeMillis())).thenApply(ok -> null);
    }

    private String historyCopiedKey() {
        return keys.prefix() + "history-copied";
    }

    /**
     * One conversation's cached messages by msg_id: 1:1 between {@code userId} and {@code peerId}, or group
     * {@code peerId}.
     */
    public record CachedHistory(int sessionType, long userId, long peerId, Map<Long, byte[]> messages) {
    }

    /**
     * A conversation whose messages up to {@code maxMsgId} are committed to PostgreSQL: a 1:1 conversation of
     * {@code userId} and {@code peerId}, or group {@code peerId}.
     */
    public record Committed(int sessionType, long userId, long peerId, long maxMsgId) {
    }

    private static List<byte[]> concat(List<byte[]> newer, List<byte[]> older) {
        if (older.isEmpty()) {
            return newer;
        }
        List<byte[]> all = new ArrayList<>(newer.size() + older.size());
        all.addAll(newer);
        all.addAll(older);
        return all;
    }

    private CompletionStage<Boolean> canRead(long userId, int sessionType, long peerId) {
        if (sessionType == GROUP) {
            return redis.sismember(keys.groupMembers(peerId), bytes(userId));
        }
        return CompletableFuture.completedFuture(sessionType == SINGLE && peerId != 0 && peerId != userId);
    }

    /** Sessions from a script's {@code {field, seconds, ...}} reply. */
    private static List<RecentSession> sessions(List<byte[]> reply) {
        List<RecentSession> sessions = new ArrayList<>(reply.size() / 2);
        for (int i = 0; i < reply.size(); i += 2) {
            sessions.add(RecentSession.parse(text(reply.get(i)), Double.parseDouble(text(reply.get(i + 1)))));
        }
        return sessions;
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
