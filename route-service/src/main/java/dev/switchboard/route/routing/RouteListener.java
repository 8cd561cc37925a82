package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.RouteEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code im.route}. The listener returns only when the message is stored and every delivery record is
 * acknowledged by Kafka, so the container commits an offset only after its effects are durable; a crash in between
 * replays the record, which stores nothing twice (msg_id) and re-delivers (clients drop duplicates by msg_id).
 * Unparsable records go to {@code im.route-dlt}.
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

    @KafkaListener(topics = Topics.ROUTE, groupId = "route-service")
    void onRoute(byte[] value) throws InvalidProtocolBufferException {
        RouteEnvelope envelope = RouteEnvelope.parseFrom(value);
        if (envelope.getFrame().getCommandId() != MessageCmdID.CID_MSG_DATA_VALUE) {
            notices.route(envelope);
            return;
        }
        if (envelope.getSessionType() == SessionType.SESSION_TYPE_SINGLE_VALUE) {
            singleMessages.route(envelope);
            return;
        }
        if (envelope.getSessionType() == SessionType.SESSION_TYPE_GROUP_VALUE) {
            groupMessages.route(envelope);
            return;
        }
        meters.counter("im.route.envelopes", "result", "unsupported").increment();
    }
}
