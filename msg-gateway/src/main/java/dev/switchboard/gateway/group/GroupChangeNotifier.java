package dev.switchboard.gateway.group;

import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberNotify;
import dev.switchboard.gateway.notice.RoutePublisher;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.MemberChange;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Publishes {@code IMGroupChangeMemberNotify} (0x040b, seq 0) for a member change to every connection of the
 * current and changed members, each user once, except the requesting connection. Keyed by group id on
 * {@code im.route}, so it stays in order with the group's messages.
 */
@Component
final class GroupChangeNotifier {

    private final RoutePublisher routes;

    GroupChangeNotifier(RoutePublisher routes) {
        this.routes = routes;
    }

    void notifyMembers(Session requester, long groupId, GroupModifyType type, MemberChange change) {
        IMGroupChangeMemberNotify notify = IMGroupChangeMemberNotify.newBuilder()
                .setUserId((int) requester.userId())
                .setChangeType(type)
                .setGroupId((int) groupId)
                .addAllCurUserIdList(change.current().stream().map(Long::intValue).toList())
                .addAllChgUserIdList(change.changed().stream().map(Long::intValue).toList())
                .build();
        Pdu frame = Pdu.of(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE, 0, notify);
        Set<Long> recipients = new LinkedHashSet<>(change.current());
        recipients.addAll(change.changed());
        RouteEnvelope.Builder envelope = routes.envelope(requester, frame)
                .setSessionType(SessionType.SESSION_TYPE_GROUP_VALUE)
                .setToId((int) groupId);
        recipients.forEach(id -> envelope.addNotifyUserIds(id.intValue()));
        routes.publish(envelope, String.valueOf(groupId));
    }
}
