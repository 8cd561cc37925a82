package dev.switchboard.gateway.group;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.GroupStore;
import dev.switchboard.store.MemberChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code IMGroupChangeMemberReq} (0x0407): adds or removes members as {@link MemberChangeRule} allows. Answers
 * {@code IMGroupChangeMemberRsp} with the members after the change and the ids actually changed; result_code 1 when
 * the group is unknown, the request is not allowed, names nobody or more than {@code max-ids-per-request} users
 * (counted as refused), or Redis failed. When members changed, every
 * current and changed member's connections get {@code IMGroupChangeMemberNotify} once (TeamTalk sent it twice to
 * users in both lists), except the requesting connection.
 */
@Component
final class GroupChangeMemberCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(GroupChangeMemberCommand.class);

    private final GroupStore groups;
    private final GroupChangeNotifier notifier;
    private final GatewayMetrics metrics;
    private final int maxMembers;

    GroupChangeMemberCommand(GroupStore groups, GroupChangeNotifier notifier, GatewayMetrics metrics,
                             GatewayProperties properties) {
        this.groups = groups;
        this.notifier = notifier;
        this.metrics = metrics;
        this.maxMembers = properties.maxIdsPerRequest();
    }

    @Override
    public int commandId() {
        return GroupCmdID.CID_GROUP_CHANGE_MEMBER_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMGroupChangeMemberReq request;
        try {
            request = IMGroupChangeMemberReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        if (request.getMemberIdListCount() > maxMembers) {
            metrics.requestLimited(commandId(), "refused");
            session.send(response(pdu.seq(), session.userId(), request, null));
            return;
        }
        long groupId = Integer.toUnsignedLong(request.getGroupId());
        GroupModifyType type = request.getChangeType();
        List<Long> userIds = request.getMemberIdListList().stream().map(Integer::toUnsignedLong).toList();
        groups.find(groupId).thenCompose(group -> {
            if (group.isEmpty() || !MemberChangeRule.allows(group.get(), session.userId(), type, userIds)) {
                return CompletableFuture.completedFuture(Optional.<MemberChange>empty());
            }
            return type == GroupModifyType.GROUP_MODIFY_TYPE_ADD
                    ? groups.addMembers(groupId, userIds)
                    : groups.removeMembers(groupId, userIds);
        }).whenComplete((change, error) -> {
            if (error != null) {
                log.warn("group member change failed userId={} groupId={} error={}", session.userId(), groupId,
                        error.toString());
            }
            MemberChange done = error == null ? change.orElse(null) : null;
            session.send(response(pdu.seq(), session.userId(), request, done));
            if (done != null && !done.changed().isEmpty()) {
                notifier.notifyMembers(session, groupId, type, done);
            }
        });
    }

    private static Pdu response(int seq, long userId, IMGroupChangeMemberReq request, MemberChange change) {
        IMGroupChangeMemberRsp.Builder response = IMGroupChangeMemberRsp.newBuilder()
                .setUserId((int) userId)
                .setChangeType(request.getChangeType())
                .setResultCode(change == null ? 1 : 0)
                .setGroupId(request.getGroupId());
        if (change != null) {
            response.addAllCurUserIdList(change.current().stream().map(Long::intValue).toList())
                    .addAllChgUserIdList(change.changed().stream().map(Long::intValue).toList());
        }
        return Pdu.of(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_CHANGE_MEMBER_RESPONSE_VALUE, seq,
                response.build());
    }
}
