package dev.switchboard.database;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The message table: writes that a replay never duplicates, and history reads with the same semantics and the same
 * bytes as the Redis history they back.
 */
public final class MessageArchive {

    /** Rows per INSERT statement: 6 parameters each, far below PostgreSQL's 65,535 per statement. */
    static final int ROWS_PER_STATEMENT = 500;

    private final JdbcClient jdbc;

    public MessageArchive(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the messages, skipping any (conversation, msg_id) already stored, so a replayed batch changes nothing.
     *
     * @return how many rows were new
     */
    public int store(List<ArchivedMessage> messages) {
        return storeChecked(messages).inserted();
    }

    /**
     * Stores the messages as {@link #store} does and reports those whose (conversation, msg_id) was stored already
     * with another body: not a replay but a msg_id handed out twice (what Redis losing its counters would do).
     */
    public Stored storeChecked(List<ArchivedMessage> messages) {
        Set<String> inserted = new HashSet<>();
        for (int from = 0; from < messages.size(); from += ROWS_PER_STATEMENT) {
            inserted.addAll(insert(messages.subList(from, Math.min(messages.size(), from + ROWS_PER_STATEMENT))));
        }
        List<ArchivedMessage> conflicting = new ArrayList<>();
        for (ArchivedMessage message : messages) {
            if (!inserted.contains(key(message.conversation(), message.msgId()))) {
                byte[] stored = find(message.conversation(), List.of(message.msgId())).get(message.msgId());
                if (stored != null && !Arrays.equals(stored, message.body())) {
                    conflicting.add(message);
                }
            }
        }
        return new Stored(inserted.size(), conflicting);
    }

    /**
     * What {@link #storeChecked} did.
     *
     * @param inserted    how many rows were new
     * @param conflicting messages whose (conversation, msg_id) holds another message
     */
    public record Stored(int inserted, List<ArchivedMessage> conflicting) {
    }

    private static String key(String conversation, long msgId) {
        return conversation + "#" + msgId;
    }

    /** Inserts the rows that are new and returns their keys. */
    private List<String> insert(List<ArchivedMessage> rows) {
        StringJoiner values = new StringJoiner(", ");
        List<Object> parameters = new ArrayList<>(rows.size() * 6);
        for (ArchivedMessage row : rows) {
            values.add("(?, ?, ?, ?, ?, ?)");
            parameters.add(row.conversation());
            parameters.add(row.msgId());
            parameters.add(row.fromUserId());
            parameters.add(row.msgType());
            parameters.add(row.createdAt());
            parameters.add(row.body());
        }
        return jdbc.sql("INSERT INTO message (conversation, msg_id, from_user_id, msg_type, created_at, body) VALUES "
                        + values + " ON CONFLICT (conversation, msg_id) DO NOTHING RETURNING conversation, msg_id")
                .params(parameters)
                .query((row, index) -> key(row.getString(1), row.getLong(2)))
                .list();
    }

    /**
     * Up to {@code count} message bodies of the conversation with msg_id &lt;= {@code msgIdBegin} (0: from the
     * newest), newest first: the page IMGetMsgListReq asks for.
     */
    public List<byte[]> page(String conversation, long msgIdBegin, int count) {
        if (count <= 0) {
            return List.of();
        }
        long upTo = msgIdBegin <= 0 ? Long.MAX_VALUE : msgIdBegin;
        return jdbc.sql("SELECT body FROM message WHERE conversation = ? AND msg_id <= ?"
                        + " ORDER BY msg_id DESC LIMIT ?")
                .params(conversation, upTo, count)
                .query((row, index) -> row.getBytes(1))
                .list();
    }

    /** The bodies of the given msg_ids of the conversation, in the order asked, skipping ids not stored. */
    public List<byte[]> byIds(String conversation, List<Long> msgIds) {
        Map<Long, byte[]> found = find(conversation, msgIds);
        List<byte[]> ordered = new ArrayList<>(msgIds.size());
        for (Long msgId : msgIds) {
            byte[] body = found.get(msgId);
            if (body != null) {
                ordered.add(body);
            }
        }
        return Collections.unmodifiableList(ordered);
    }

    /** The bodies of the given msg_ids of the conversation that are stored, by msg_id. */
    public Map<Long, byte[]> find(String conversation, List<Long> msgIds) {
        if (msgIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, byte[]> found = new HashMap<>();
        jdbc.sql("SELECT msg_id, body FROM message WHERE conversation = :conversation AND msg_id IN (:ids)")
                .param("conversation", conversation)
                .param("ids", List.copyOf(msgIds))
                .query(row -> {
                    found.put(row.getLong(1), row.getBytes(2));
                });
        return found;
    }

    /** The highest stored msg_id of the conversation, 0 when it has none. */
    public long latestMsgId(String conversation) {
        return jdbc.sql("SELECT coalesce(max(msg_id), 0) FROM message WHERE conversation = ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }
}
