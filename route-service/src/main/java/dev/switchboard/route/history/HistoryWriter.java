package dev.switchboard.route.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.database.ArchivedMessage;
import dev.switchboard.database.Conversations;
import dev.switchboard.database.MessageArchive;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.route.StoredMessages;
import dev.switchboard.store.MessageStore;
import dev.switchboard.store.MessageStore.Committed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Persists every message of {@code im.route} to PostgreSQL's message table, in its own consumer group
 * ({@value #GROUP}) beside the live one: the live path never waits for PostgreSQL, and this one never waits for
 * deliveries. Each poll is written in one transaction (multi-row inserts that skip a (conversation, msg_id) already
 * stored), and the container commits the poll's offsets only after that transaction has committed, so a crash replays
 * records that are then stored once: exactly one row per msg_id, whatever is replayed.
 * <p>
 * A failed write (PostgreSQL down, slow past its timeouts) is retried, the same poll, with a backoff growing to
 * {@link HistoryConfiguration#MAX_BACKOFF} and never given up: the group's Kafka lag grows while PostgreSQL is away,
 * {@code im.history.behind.seconds} says by how much, and the writer catches up when it returns. Records that are not
 * messages (notices) have no history; an envelope that does not parse is the live path's business (it dead-letters
 * it) and is skipped here, counted.
 * <p>
 * After each commit the writer bounds the conversations' Redis caches ({@link MessageStore#trimHistory}): Redis lets a
 * message go only once PostgreSQL holds it ({@link HistoryProperties}).
 * <p>
 * The container starts only once the schema is migrated ({@link HistoryStartup}).
 */
@Component
final class HistoryWriter {

    static final String LISTENER_ID = "history-writer";
    static final String GROUP = "history-writer";
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

    private final MessageArchive archive;
    private final TransactionTemplate transactions;
    private final HistoryStatus status;
    private final MessageStore cache;
    private final HistoryProperties properties;
    private final Counter trimFailures;
    private final Counter conflicts;
    private final Counter stored;
    private final Counter duplicates;
    private final MeterRegistry meters;
    private final Timer delay;

    HistoryWriter(MessageArchive archive, TransactionTemplate transactions, HistoryStatus status, MessageStore cache,
                  HistoryProperties properties, MeterRegistry meters) {
        this.archive = archive;
        this.transactions = transactions;
        this.status = status;
        this.cache = cache;
        this.properties = properties;
        this.trimFailures = meters.counter("im.history.cache.trim.failures");
        this.conflicts = meters.counter("im.history.messages", "result", "conflict");
        this.meters = meters;
        this.stored = meters.counter("im.history.messages", "result", "stored");
        this.duplicates = meters.counter("im.history.messages", "result", "duplicate");
        this.delay = Timer.builder("im.history.delay")
                .description("From the gateway's publish of a message to its commit in PostgreSQL")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
        for (String reason : List.of("unparsable", "invalid")) {
            skipped(reason);
        }
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.ROUTE, groupId = GROUP, batch = "true", autoStartup = "false",
            containerFactory = HistoryConfiguration.CONTAINER_FACTORY)
    void onRoute(List<ConsumerRecord<String, byte[]>> records) {
        List<ArchivedMessage> rows = new ArrayList<>(records.size());
        List<Long> publishedAt = new ArrayList<>(records.size());
        Map<String, Committed> committed = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            RouteEnvelope envelope;
            IMMsgData message;
            try {
                envelope = RouteEnvelope.parseFrom(record.value());
                if (envelope.getFrame().getCommandId() != MessageCmdID.CID_MSG_DATA_VALUE) {
                    continue;
                }
                message = IMMsgData.parseFrom(envelope.getFrame().getBody());
            } catch (InvalidProtocolBufferException e) {
                skipped("unparsable").increment();
                continue;
            }
            ArchivedMessage row = archived(envelope, message);
            if (row == null) {
                skipped("invalid").increment();
                continue;
            }
            rows.add(row);
            publishedAt.add(envelope.getPublishedAtMillis());
            committed.merge(row.conversation(), committed(envelope, row.msgId()),
                    (a, b) -> a.maxMsgId() >= b.maxMsgId() ? a : b);
        }
        if (rows.isEmpty()) {
            return;
        }
        status.writing(publishedAt.stream().mapToLong(Long::longValue).min().orElseThrow());
        MessageArchive.Stored result;
        try {
            result = transactions.execute(transaction -> archive.storeChecked(rows));
        } catch (RuntimeException e) {
            if (status.failed(e)) {
                log.warn("history writes fail, retrying with backoff; chat goes on, persistence waits messages={}"
                        + " error={}", rows.size(), status.health().getDetails().get("reason"));
            }
            throw e;
        }
        String ended = status.written();
        if (ended != null) {
            log.info("history writes resume messages={} after=\"{}\"", rows.size(), ended);
        }
        int inserted = result.inserted();
        stored.increment(inserted);
        duplicates.increment(rows.size() - inserted - result.conflicting().size());
        if (!result.conflicting().isEmpty()) {
            // a msg_id handed out twice (Redis lost its counters): PostgreSQL keeps the first message; the
            // conversation's cache is not trimmed, so Redis keeps serving the second one
            conflicts.increment(result.conflicting().size());
            result.conflicting().forEach(conflict -> committed.remove(conflict.conversation()));
            log.error("msg_ids handed out twice: postgresql keeps the first message, redis keeps the second"
                    + " messages={} first={}", result.conflicting().size(), result.conflicting().get(0).conversation()
                    + "#" + result.conflicting().get(0).msgId());
        }
        long now = System.currentTimeMillis();
        for (long published : publishedAt) {
            delay.record(Math.max(0, now - published), TimeUnit.MILLISECONDS);
        }
        trim(List.copyOf(committed.values()));
    }

    /**
     * Lets the conversations' Redis caches go below their newest messages, now that PostgreSQL holds them. A failure
     * only leaves a cache larger for a while (the next commit to the conversation trims it), so it is counted, not
     * retried.
     */
    private void trim(List<Committed> conversations) {
        try {
            cache.trimHistory(conversations, properties.cacheMessages(), properties.cacheTtl())
                    .toCompletableFuture().join();
        } catch (RuntimeException e) {
            trimFailures.increment();
            log.debug("history cache not trimmed conversations={} error={}", conversations.size(), e.toString());
        }
    }

    private static Committed committed(RouteEnvelope envelope, long msgId) {
        long from = Integer.toUnsignedLong(envelope.getFromUserId());
        long to = Integer.toUnsignedLong(envelope.getToId());
        return envelope.getSessionType() == SessionType.SESSION_TYPE_GROUP_VALUE
                ? new Committed(SessionType.SESSION_TYPE_GROUP_VALUE, 0, to, msgId)
                : new Committed(SessionType.SESSION_TYPE_SINGLE_VALUE, from, to, msgId);
    }

    /** The row of a message envelope, or null when it names no conversation or no msg_id a row can hold. */
    static ArchivedMessage archived(RouteEnvelope envelope, IMMsgData message) {
        long from = Integer.toUnsignedLong(envelope.getFromUserId());
        long to = Integer.toUnsignedLong(envelope.getToId());
        long msgId = Integer.toUnsignedLong(envelope.getMsgId());
        String conversation;
        if (envelope.getSessionType() == SessionType.SESSION_TYPE_SINGLE_VALUE) {
            conversation = Conversations.single(from, to);
        } else if (envelope.getSessionType() == SessionType.SESSION_TYPE_GROUP_VALUE) {
            conversation = Conversations.group(to);
        } else {
            return null;
        }
        if (msgId == 0 || from == 0 || to == 0) {
            return null;
        }
        return new ArchivedMessage(conversation, msgId, from, message.getMsgType().getNumber(),
                Integer.toUnsignedLong(envelope.getCreateTime()), StoredMessages.msgInfo(message).toByteArray());
    }

    private Counter skipped(String reason) {
        return meters.counter("im.history.skipped", "reason", reason);
    }
}
