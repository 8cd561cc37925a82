package dev.switchboard.presence.groups;

import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberNotify;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Frame;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.MemberChange;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells members' clients about an administrator's member change the TeamTalk way: {@code IMGroupChangeMemberNotify}
 * (0x040b, seq 0) on {@code im.route}, keyed by group id, to every connection of the current and changed members,
 * each user once. The notice names the group's creator as the user who made the change (clients show who did it).
 * Waits until Kafka has it; a failure is logged, not thrown: the change is stored, and clients see it on their next
 * group info request.
 */
@Component
final class GroupChangePublisher {

    private static final Logger log = LoggerFactory.getLogger(GroupChangePublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;

    GroupChangePublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    void publish(long groupId, long actingUserId, GroupModifyType type, MemberChange change) {
        if (change.changed().isEmpty()) {
            return;
        }
        IMGroupChangeMemberNotify notify = IMGroupChangeMemberNotify.newBuilder()
                .setUserId((int) actingUserId)
                .setChangeType(type)
                .setGroupId((int) groupId)
                .addAllCurUserIdList(change.current().stream().map(Long::intValue).toList())
                .addAllChgUserIdList(change.changed().stream().map(Long::intValue).toList())
                .build();
        Set<Long> recipients = new LinkedHashSet<>(change.current());
        recipients.addAll(change.changed());
        RouteEnvelope.Builder envelope = RouteEnvelope.newBuilder()
                .setFrame(Frame.newBuilder()
                        .setServiceId(ServiceID.SID_GROUP_VALUE)
                        .setCommandId(GroupCmdID.CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE)
                        .setBody(notify.toByteString()))
                .setFromUserId((int) actingUserId)
                .setSessionType(SessionType.SESSION_TYPE_GROUP_VALUE)
                .setToId((int) groupId)
                .setPublishedAtMillis(System.currentTimeMillis());
        recipients.forEach(id -> envelope.addNotifyUserIds(id.intValue()));
        try {
            kafka.send(new ProducerRecord<>(Topics.ROUTE, String.valueOf(groupId), envelope.build().toByteArray()))
                    .join();
        } catch (RuntimeException e) {
            log.warn("group change notice not published groupId={} error={}", groupId, e.toString());
        }
    }
}
