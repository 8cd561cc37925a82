package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import dev.switchboard.kafka.PollAcknowledgements;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.RouteEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Consumes {@code im.route} a poll at a time. The listener returns only when every message of the poll is stored and
 * every delivery record is acknowledged by Kafka, so the container commits offsets only after their effects are
 * durable; a crash in between replays the records, which store nothing twice (msg_id) and re-deliver (clients drop
 * duplicates by msg_id).
 * <p>
 * Records are handled in partition order. Consecutive 1:1 messages are routed together
 * ({@link SingleMessageRouter#routeAll}); a group message or a notice first completes the messages before it and is
 * then routed on its own, so a read notice never overtakes the message it reads. A group message's or a notice's
 * effects (store, unread) are applied before the next record is handled and its delivery records handed to the
 * producer in record order; only Kafka's acknowledgement of them is awaited later, once for the poll, so a run of
 * group messages costs one produce round trip, not one each.
 * <p>
 * When a record fails, the records before it are committed (once their acknowledgements are in) and the container's
 * error handler retries from it, then dead-letters it ({@code im.route-dlt}; an unparsable record at once): if a run
 * of messages fails, they are retried one by one to find the record at fault. If a record's delivery records are not
 * acknowledged, the poll fails at that record and it is retried from there (stored once; clients drop duplicate
 * deliveries by msg_id).
 */
@Component
final class RouteListener {

    private final SingleMessageRouter singleMessages;
    private final GroupMessageRouter groupMessages;
    private final NoticeRouter notices;
    private final MeterRegistry meters;

    RouteListener(SingleMessageRouter singleMessages, GroupMessageRouter groupMessages, NoticeRouter notices,
                  MeterRegistry meters) {
        this.singleMessages = singleMessages;
        this.groupMessages = groupMessages;
        this.notices = notices;
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.ROUTE, groupId = "route-service", batch = "true")
    void onRoute(List<ConsumerRecord<String, byte[]>> records) {
        List<RouteEnvelope> run = new ArrayList<>();
        PollAcknowledgements pending = new PollAcknowledgements();
        int runStart = 0;
        for (int i = 0; i < records.size(); i++) {
            RouteEnvelope envelope;
            try {
                envelope = RouteEnvelope.parseFrom(records.get(i).value());
            } catch (InvalidProtocolBufferException e) {
                routeRun(run, runStart, pending);
                throw pending.failAt(i, "unparsable route envelope", e);
            }
            if (isSingleMessage(envelope)) {
                if (run.isEmpty()) {
                    runStart = i;
                }
                run.add(envelope);
                continue;
            }
            routeRun(run, runStart, pending);
            run.clear();
            try {
                pending.add(i, routeOne(envelope));
            } catch (Exception e) {
                throw pending.failAt(i, "route failed", e);
            }
        }
        routeRun(run, runStart, pending);
        pending.await();
    }

    private void routeRun(List<RouteEnvelope> run, int start, PollAcknowledgements pending) {
        if (run.isEmpty()) {
            return;
        }
        try {
            singleMessages.routeAll(run);
            return;
        } catch (Exception together) {
            // find the message at fault; routing again is harmless (stored once, clients drop duplicate deliveries)
        }
        for (int j = 0; j < run.size(); j++) {
            try {
                singleMessages.route(run.get(j));
            } catch (Exception e) {
                throw pending.failAt(start + j, "route failed", e);
            }
        }
    }

    private CompletableFuture<Void> routeOne(RouteEnvelope envelope) throws InvalidProtocolBufferException {
        if (envelope.getFrame().getCommandId() != MessageCmdID.CID_MSG_DATA_VALUE) {
            return notices.route(envelope);
        }
        if (envelope.getSessionType() == SessionType.SESSION_TYPE_GROUP_VALUE) {
            return groupMessages.route(envelope);
        }
        meters.counter("im.route.envelopes", "result", "unsupported").increment();
        return CompletableFuture.completedFuture(null);
    }

    private static boolean isSingleMessage(RouteEnvelope envelope) {
        return envelope.getFrame().getCommandId() == MessageCmdID.CID_MSG_DATA_VALUE
                && envelope.getSessionType() == SessionType.SESSION_TYPE_SINGLE_VALUE;
    }
}
