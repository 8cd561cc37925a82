package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.RouteEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code im.route} a poll at a time. The listener returns only when every message of the poll is stored and
 * every delivery record is acknowledged by Kafka, so the container commits offsets only after their effects are
 * durable; a crash in between replays the records, which store nothing twice (msg_id) and re-deliver (clients drop
 * duplicates by msg_id).
 * <p>
 * Records are handled in partition order. Consecutive 1:1 messages are routed together
 * ({@link SingleMessageRouter#routeAll}); a group message or a notice first completes the messages before it and is
 * then routed on its own, so a read notice never overtakes the message it reads. When a record fails, the records
 * before it are committed and the container's error handler retries from it, then dead-letters it
 * ({@code im.route-dlt}; an unparsable record at once): if a run of messages fails, they are retried one by one to
 * find the record at fault.
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
        int runStart = 0;
        for (int i = 0; i < records.size(); i++) {
            RouteEnvelope envelope;
            try {
                envelope = RouteEnvelope.parseFrom(records.get(i).value());
            } catch (InvalidProtocolBufferException e) {
                routeRun(run, runStart);
                throw new BatchListenerFailedException("unparsable route envelope", e, i);
            }
            if (isSingleMessage(envelope)) {
                if (run.isEmpty()) {
                    runStart = i;
                }
                run.add(envelope);
                continue;
            }
            routeRun(run, runStart);
            run.clear();
            try {
                routeOne(envelope);
            } catch (Exception e) {
                throw new BatchListenerFailedException("route failed: " + e, e, i);
            }
        }
        routeRun(run, runStart);
    }

    private void routeRun(List<RouteEnvelope> run, int start) {
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
                throw new BatchListenerFailedException("route failed: " + e, e, start + j);
            }
        }
    }

    private void routeOne(RouteEnvelope envelope) throws InvalidProtocolBufferException {
        if (envelope.getFrame().getCommandId() != MessageCmdID.CID_MSG_DATA_VALUE) {
            notices.route(envelope);
            return;
        }
        if (envelope.getSessionType() == SessionType.SESSION_TYPE_GROUP_VALUE) {
            groupMessages.route(envelope);
            return;
        }
        meters.counter("im.route.envelopes", "result", "unsupported").increment();
    }

    private static boolean isSingleMessage(RouteEnvelope envelope) {
        return envelope.getFrame().getCommandId() == MessageCmdID.CID_MSG_DATA_VALUE
                && envelope.getSessionType() == SessionType.SESSION_TYPE_SINGLE_VALUE;
    }
}
