package dev.switchboard.gateway.group;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupType;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupVersionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListRsp;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code IMGroupInfoListReq} (0x0403): full {@code GroupInfo} (members, and the requester's own shield status) of
 * each asked group whose stored version is newer than the version the client has, and only of groups the requester
 * is a member of. Groups that are unknown, dissolved, not newer or not the requester's are left out; when Redis
 * fails the list is empty. Only the first {@code max-ids-per-request} groups asked are looked at (counted as
 * truncated).
 */
@Component
final class GroupInfoCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(GroupInfoCommand.class);

    private final GroupStore groups;
    private final GatewayMetrics metrics;
    private final int maxGroups;

    GroupInfoCommand(GroupStore groups, GatewayMetrics metrics, GatewayProperties properties) {
        this.groups = groups;
        this.metrics = metrics;
        this.maxGroups = properties.maxIdsPerRequest();
    }

    @Override
    public int commandId() {
        return GroupCmdID.CID_GROUP_INFO_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMGroupInfoListReq request;
        try {
            request = IMGroupInfoListReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        long userId = session.userId();
        if (request.getGroupVersionListCount() > maxGroups) {
            metrics.requestLimited(commandId(), "truncated");
        }
        List<CompletableFuture<Optional<GroupInfo>>> reads = request.getGroupVersionListList().stream()
                .limit(maxGroups)
                .map(asked -> info(asked, userId).toCompletableFuture())
                .toList();
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> {
            IMGroupInfoListRsp.Builder response = IMGroupInfoListRsp.newBuilder().setUserId((int) userId);
            if (error != null) {
                log.warn("group info failed userId={} error={}", userId, error.toString());
            } else {
                reads.forEach(read -> read.join().ifPresent(response::addGroupInfoList));
            }
            session.send(Pdu.of(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_INFO_RESPONSE_VALUE, pdu.seq(),
                    response.build()));
        });
    }

    private CompletableFuture<Optional<GroupInfo>> info(GroupVersionInfo asked, long userId) {
        long groupId = Integer.toUnsignedLong(asked.getGroupId());
        return groups.find(groupId).toCompletableFuture().thenCompose(found -> {
            Optional<GroupRecord> group = found.filter(g -> g.hasMember(userId))
                    .filter(g -> Integer.toUnsignedLong(g.version()) > Integer.toUnsignedLong(asked.getVersion()));
            if (group.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return groups.isShielded(groupId, userId).toCompletableFuture()
                    .thenApply(shielded -> Optional.of(toGroupInfo(group.get(), shielded)));
        });
    }

    static GroupInfo toGroupInfo(GroupRecord group, boolean shielded) {
        return GroupInfo.newBuilder()
                .setGroupId((int) group.id())
                .setVersion(group.version())
                .setGroupName(group.name())
                .setGroupAvatar(group.avatar())
                .setGroupCreatorId((int) group.creatorId())
                .setGroupType(GroupType.forNumber(group.type()))
                .setShieldStatus(shielded ? 1 : 0)
                .addAllGroupMemberList(group.members().stream().map(Long::intValue).toList())
                .build();
    }
}
