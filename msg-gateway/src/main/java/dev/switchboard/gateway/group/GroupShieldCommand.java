package dev.switchboard.gateway.group;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMGroup.IMGroupShieldReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupShieldRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.GroupStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code IMGroupShieldReq} (0x0409): a member shields a group ({@code shield_status} non-zero) or un-shields it.
 * Result 0 when done, 1 when the requester is not a member (or Redis failed). A shield only silences push, which
 * Switchboard does not send: shielded members still receive the group's messages.
 */
@Component
final class GroupShieldCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(GroupShieldCommand.class);

    private final GroupStore groups;
    private final GatewayMetrics metrics;

    GroupShieldCommand(GroupStore groups, GatewayMetrics metrics) {
        this.groups = groups;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return GroupCmdID.CID_GROUP_SHIELD_GROUP_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMGroupShieldReq request;
        try {
            request = IMGroupShieldReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        long groupId = Integer.toUnsignedLong(request.getGroupId());
        groups.shield(groupId, session.userId(), request.getShieldStatus() != 0).whenComplete((done, error) -> {
            if (error != null) {
                log.warn("group shield failed userId={} groupId={} error={}", session.userId(), groupId,
                        error.toString());
            }
            IMGroupShieldRsp response = IMGroupShieldRsp.newBuilder()
                    .setUserId((int) session.userId())
                    .setGroupId(request.getGroupId())
                    .setResultCode(error == null && done ? 0 : 1)
                    .build();
            session.send(Pdu.of(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_SHIELD_GROUP_RESPONSE_VALUE,
                    pdu.seq(), response));
        });
    }
}
