package dev.switchboard.gateway.group;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.GroupRecord;
import dev.switchboard.store.GroupStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code IMGroupCreateReq} (0x0405): a client creates a temporary group of itself and the listed users (ids that are
 * not users are dropped). Answers {@code IMGroupCreateRsp} with the new id and the actual members. A client may not
 * create a normal group: TeamTalk ignores that request silently; Switchboard answers result_code 1, as it does for
 * more than {@code max-ids-per-request} members (counted as refused). Members are not
 * notified, as in TeamTalk (they learn of the group from its first message).
 */
@Component
final class GroupCreateCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(GroupCreateCommand.class);

    private final GroupStore groups;
    private final GatewayMetrics metrics;
    private final int maxMembers;

    GroupCreateCommand(GroupStore groups, GatewayMetrics metrics, GatewayProperties properties) {
        this.groups = groups;
        this.metrics = metrics;
        this.maxMembers = properties.maxIdsPerRequest();
    }

    @Override
    public int commandId() {
        return GroupCmdID.CID_GROUP_CREATE_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMGroupCreateReq request;
        try {
            request = IMGroupCreateReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        if (request.getGroupType() != GroupType.GROUP_TYPE_TMP) {
            session.send(response(pdu.seq(), session.userId(), request, 1, null));
            return;
        }
        if (request.getMemberIdListCount() > maxMembers) {
            metrics.requestLimited(commandId(), "refused");
            session.send(response(pdu.seq(), session.userId(), request, 1, null));
            return;
        }
        List<Long> members = request.getMemberIdListList().stream().map(Integer::toUnsignedLong).toList();
        groups.create(request.getGroupName(), request.getGroupAvatar(), session.userId(), GroupRecord.TMP, members)
                .whenComplete((created, error) -> {
                    if (error != null) {
                        log.warn("group create failed userId={} error={}", session.userId(), error.toString());
                    }
                    GroupRecord group = error == null ? created.orElse(null) : null;
                    session.send(response(pdu.seq(), session.userId(), request, group == null ? 1 : 0, group));
                });
    }

    private static Pdu response(int seq, long userId, IMGroupCreateReq request, int resultCode, GroupRecord group) {
        IMGroupCreateRsp.Builder response = IMGroupCreateRsp.newBuilder()
                .setUserId((int) userId)
                .setResultCode(resultCode)
                .setGroupName(request.getGroupName());
        if (group != null) {
            response.setGroupId((int) group.id())
                    .addAllUserIdList(group.members().stream().map(Long::intValue).toList());
        }
        return Pdu.of(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_CREATE_RESPONSE_VALUE, seq, response.build());
    }
}
