package dev.switchboard.gateway.group;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupVersionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMGroup.IMNormalGroupListReq;
import com.mogujie.tt.protobuf.IMGroup.IMNormalGroupListRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.GroupStore;
import dev.switchboard.store.GroupVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code IMNormalGroupListReq} (0x0401): the normal (administrator-made) groups the user is a member of, with their
 * versions, so the client knows which to fetch with 0x0403. Temporary groups are not listed, as in TeamTalk. When
 * Redis fails the list is empty (TeamTalk answers the same without a database).
 */
@Component
final class NormalGroupListCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(NormalGroupListCommand.class);

    private final GroupStore groups;
    private final GatewayMetrics metrics;

    NormalGroupListCommand(GroupStore groups, GatewayMetrics metrics) {
        this.groups = groups;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return GroupCmdID.CID_GROUP_NORMAL_LIST_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        try {
            IMNormalGroupListReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        groups.normalGroups(session.userId()).whenComplete((list, error) -> {
            if (error != null) {
                log.warn("normal group list failed userId={} error={}", session.userId(), error.toString());
            }
            session.send(response(pdu.seq(), session.userId(), error == null ? list : List.of()));
        });
    }

    private static Pdu response(int seq, long userId, List<GroupVersion> list) {
        IMNormalGroupListRsp.Builder response = IMNormalGroupListRsp.newBuilder().setUserId((int) userId);
        list.forEach(group -> response.addGroupVersionList(GroupVersionInfo.newBuilder()
                .setGroupId((int) group.groupId())
                .setVersion(group.version())));
        return Pdu.of(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_NORMAL_LIST_RESPONSE_VALUE, seq,
                response.build());
    }
}
