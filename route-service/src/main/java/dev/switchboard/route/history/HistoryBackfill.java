package dev.switchboard.route.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import dev.switchboard.database.ArchivedMessage;
import dev.switchboard.database.Conversations;
import dev.switchboard.database.MessageArchive;
import dev.switchboard.store.MessageStore;
import dev.switchboard.store.MessageStore.CachedHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Copies every message Redis holds into PostgreSQL, once, before the history writer first bounds Redis's caches: a
 * deployment that kept its whole history in Redis (before PostgreSQL was the record) loses none of it when the caches
 * shrink. Rows already in PostgreSQL are skipped, so running it again changes nothing; a Redis marker says it ran.
 */
final class HistoryBackfill {

    private static final Logger log = LoggerFactory.getLogger(HistoryBackfill.class);

    private final MessageStore cache;
    private final MessageArchive archive;
    private final TransactionTemplate transactions;

    HistoryBackfill(MessageStore cache, MessageArchive archive, TransactionTemplate transactions) {
        this.cache = cache;
        this.archive = archive;
        this.transactions = transactions;
    }

    /** Copies what Redis holds unless that was done; returns how many rows were new, -1 when it had been done. */
    long run() {
        if (cache.historyCopied().toCompletableFuture().join()) {
            return -1;
        }
        long started = System.nanoTime();
        long[] copied = {0, 0};
        cache.scanHistory(conversations -> {
            List<ArchivedMessage> rows = new ArrayList<>();
            for (CachedHistory conversation : conversations) {
                String name = conversation.sessionType() == SessionType.SESSION_TYPE_GROUP_VALUE
                        ? Conversations.group(conversation.peerId())
                        : Conversations.single(conversation.userId(), conversation.peerId());
                for (Map.Entry<Long, byte[]> message : conversation.messages().entrySet()) {
                    ArchivedMessage row = row(name, message.getKey(), message.getValue());
                    if (row == null) {
                        copied[1]++;
                    } else {
                        rows.add(row);
                    }
                }
            }
            copied[0] += transactions.execute(transaction -> archive.store(rows));
        });
        cache.markHistoryCopied().toCompletableFuture().join();
        log.info("history in redis copied to postgresql newRows={} unreadable={} tookMillis={}", copied[0], copied[1],
                (System.nanoTime() - started) / 1_000_000);
        return copied[0];
    }

    private static ArchivedMessage row(String conversation, long msgId, byte[] body) {
        try {
            MsgInfo info = MsgInfo.parseFrom(body);
            if (msgId <= 0) {
                return null;
            }
            return new ArchivedMessage(conversation, msgId, Integer.toUnsignedLong(info.getFromSessionId()),
                    info.getMsgType().getNumber(), Integer.toUnsignedLong(info.getCreateTime()), body);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }
}
