package dev.switchboard.database;

import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

import java.sql.Connection;
import java.sql.SQLException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The message table: writes that a replay never duplicates, and history reads with the same semantics and the same
 * bytes as the Redis history they back.
 */
public final class MessageArchive {

    /** Rows per INSERT statement (its six array parameters hold this many elements each). */
    static final int ROWS_PER_STATEMENT = 1000;

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
        // the rows not inserted are replays, unless their msg_id holds another message: one query per conversation
        Map<String, List<ArchivedMessage>> notNew = new HashMap<>();
        for (ArchivedMessage message : messages) {
            if (!inserted.contains(key(message.conversation(), message.msgId()))) {
                notNew.computeIfAbsent(message.conversation(), conversation -> new ArrayList<>()).add(message);
            }
        }
        List<ArchivedMessage> conflicting = new ArrayList<>();
        notNew.forEach((conversation, candidates) -> {
            Map<Long, byte[]> stored = find(conversation, candidates.stream().map(ArchivedMessage::msgId).toList());
            for (ArchivedMessage message : candidates) {
                byte[] body = stored.get(message.msgId());
                if (body != null && !Arrays.equals(body, message.body())) {
                    conflicting.add(message);
                }
            }
        });
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

    /**
     * Inserts the rows that are new and returns their keys: one statement whatever the number of rows, its columns
     * passed as six arrays ({@code unnest}), so PostgreSQL parses and plans it once per connection.
     */
    private List<String> insert(List<ArchivedMessage> rows) {
        int size = rows.size();
        String[] conversations = new String[size];
        Long[] msgIds = new Long[size];
        Long[] senders = new Long[size];
        Integer[] types = new Integer[size];
        Long[] createdAt = new Long[size];
        byte[][] bodies = new byte[size][];
        for (int i = 0; i < size; i++) {
            ArchivedMessage row = rows.get(i);
            conversations[i] = row.conversation();
            msgIds[i] = row.msgId();
            senders[i] = row.fromUserId();
            types[i] = row.msgType();
            createdAt[i] = row.createdAt();
            bodies[i] = row.body();
        }
        return jdbc.sql("INSERT INTO message (conversation, msg_id, from_user_id, msg_type, created_at, body)"
                        + " SELECT * FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::integer[], ?::bigint[],"
                        + " ?::bytea[]) ON CONFLICT (conversation, msg_id) DO NOTHING RETURNING conversation, msg_id")
                .params(array("text", conversations), array("int8", msgIds), array("int8", senders),
                        array("int4", types), array("int8", createdAt), array("bytea", bodies))
                .query((row, index) -> key(row.getString(1), row.getLong(2)))
                .list();
    }

    /** A SQL array parameter, made on the statement's own connection. */
    private static SqlTypeValue array(String elementType, Object[] elements) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf(elementType, elements);
            }
        };
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
