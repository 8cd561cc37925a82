package dev.switchboard.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupType;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupVersionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupShieldReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupShieldRsp;
import com.mogujie.tt.protobuf.IMGroup.IMNormalGroupListReq;
import com.mogujie.tt.protobuf.IMGroup.IMNormalGroupListRsp;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TeamTalk client's group requests (SID_GROUP), each answered with its response type (asserted), filled in the way
 * TeamTalk clients fill them: {@code user_id} is a wrong value the server must replace.
 */
final class GroupCalls {

    private static final int CLAIMED_USER = 1;

    private GroupCalls() {
    }

    static IMGroupCreateRsp create(TeamTalkClient client, GroupType type, String name, List<Integer> members) {
        return call(client, GroupCmdID.CID_GROUP_CREATE_REQUEST_VALUE, IMGroupCreateReq.newBuilder()
                .setUserId(CLAIMED_USER).setGroupType(type).setGroupName(name).setGroupAvatar("avatar.png")
                .addAllMemberIdList(members).build(), IMGroupCreateRsp.parser());
    }

    /** Creates a temporary group and returns its id. */
    static int createTmp(TeamTalkClient client, String name, List<Integer> members) {
        IMGroupCreateRsp response = create(client, GroupType.GROUP_TYPE_TMP, name, members);
        assertThat(response.getResultCode()).isZero();
        return response.getGroupId();
    }

    static IMGroupInfoListRsp info(TeamTalkClient client, int groupId, int knownVersion) {
        return call(client, GroupCmdID.CID_GROUP_INFO_REQUEST_VALUE, IMGroupInfoListReq.newBuilder()
                .setUserId(CLAIMED_USER)
                .addGroupVersionList(GroupVersionInfo.newBuilder().setGroupId(groupId).setVersion(knownVersion))
                .build(), IMGroupInfoListRsp.parser());
    }

    static IMNormalGroupListRsp normalList(TeamTalkClient client) {
        return call(client, GroupCmdID.CID_GROUP_NORMAL_LIST_REQUEST_VALUE,
                IMNormalGroupListReq.newBuilder().setUserId(CLAIMED_USER).build(), IMNormalGroupListRsp.parser());
    }

    static IMGroupChangeMemberRsp change(TeamTalkClient client, GroupModifyType type, int groupId,
                                         List<Integer> members) {
        return call(client, GroupCmdID.CID_GROUP_CHANGE_MEMBER_REQUEST_VALUE, IMGroupChangeMemberReq.newBuilder()
                .setUserId(CLAIMED_USER).setChangeType(type).setGroupId(groupId).addAllMemberIdList(members)
                .build(), IMGroupChangeMemberRsp.parser());
    }

    static IMGroupShieldRsp shield(TeamTalkClient client, int groupId, int status) {
        return call(client, GroupCmdID.CID_GROUP_SHIELD_GROUP_REQUEST_VALUE, IMGroupShieldReq.newBuilder()
                .setUserId(CLAIMED_USER).setGroupId(groupId).setShieldStatus(status).build(),
                IMGroupShieldRsp.parser());
    }

    private static <T extends MessageLite> T call(TeamTalkClient client, int commandId, MessageLite request,
                                                  Parser<T> parser) {
        try {
            Pdu answer = client.request(ServiceID.SID_GROUP_VALUE, commandId, request).get(10, TimeUnit.SECONDS);
            assertThat(answer.commandId()).as("response command").isEqualTo(commandId + 1);
            return parser.parseFrom(answer.body());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("unparsable response to 0x" + Integer.toHexString(commandId), e);
        } catch (Exception e) {
            throw new AssertionError("no response to 0x" + Integer.toHexString(commandId), e);
        }
    }
}
