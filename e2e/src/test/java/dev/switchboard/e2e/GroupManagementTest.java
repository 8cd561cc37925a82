package dev.switchboard.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupType;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupVersionInfo;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberNotify;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupShieldRsp;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.GroupRecord;
import dev.switchboard.store.GroupStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType.GROUP_MODIFY_TYPE_ADD;
import static com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType.GROUP_MODIFY_TYPE_DEL;
import static org.assertj.core.api.Assertions.assertThat;

/** Group management by TeamTalk clients (0x0401-0x0409, 0x040b) over real sockets. Users 200-222. */
class GroupManagementTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void createsATemporaryGroupOfTheCreatorAndTheKnownUsers() {
        TeamTalkClient creator = clients.login(200, 0, ClientType.CLIENT_TYPE_WINDOWS);

        IMGroupCreateRsp created = GroupCalls.create(creator, GroupType.GROUP_TYPE_TMP, "lunch",
                List.of(201, 202, 99_999, 201));

        assertThat(created.getResultCode()).isZero();
        assertThat(created.getUserId()).as("the authenticated user, not the claimed one").isEqualTo(200);
        assertThat(created.getGroupName()).isEqualTo("lunch");
        assertThat(created.getUserIdListList()).containsExactly(200, 201, 202);
        GroupInfo info = GroupCalls.info(creator, created.getGroupId(), 0).getGroupInfoList(0);
        assertThat(info).isEqualTo(GroupInfo.newBuilder().setGroupId(created.getGroupId()).setVersion(1)
                .setGroupName("lunch").setGroupAvatar("avatar.png").setGroupCreatorId(200)
                .setGroupType(GroupType.GROUP_TYPE_TMP).setShieldStatus(0)
                .addAllGroupMemberList(List.of(200, 201, 202)).build());
        assertThat(GroupCalls.normalList(creator).getGroupVersionListList()).as("temporary groups are not listed")
                .isEmpty();
    }

    @Test
    void refusesToCreateANormalGroupWithResultCodeOne() {
        TeamTalkClient client = clients.login(203, 0, ClientType.CLIENT_TYPE_WINDOWS);

        IMGroupCreateRsp refused = GroupCalls.create(client, GroupType.GROUP_TYPE_NORMAL, "official", List.of(204));

        assertThat(refused.getResultCode()).isEqualTo(1);
        assertThat(refused.hasGroupId()).isFalse();
        assertThat(refused.getUserIdListList()).isEmpty();
    }

    @Test
    void listsTheNormalGroupsOfTheUserAndGivesInfoOnlyToMembersOnlyWhenNewer() {
        GroupRecord normal = groups().create("staff", "s.png", 204, GroupRecord.NORMAL, List.of(205L))
                .toCompletableFuture().join().orElseThrow();
        TeamTalkClient member = clients.login(205, 1, ClientType.CLIENT_TYPE_MAC);
        TeamTalkClient outsider = clients.login(206, 2, ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(GroupCalls.normalList(member).getGroupVersionListList()).containsExactly(
                GroupVersionInfo.newBuilder().setGroupId((int) normal.id()).setVersion(1).build());
        assertThat(GroupCalls.normalList(member).getUserId()).isEqualTo(205);
        assertThat(GroupCalls.info(member, (int) normal.id(), 0).getGroupInfoList(0).getGroupType())
                .isEqualTo(GroupType.GROUP_TYPE_NORMAL);
        assertThat(GroupCalls.info(member, (int) normal.id(), 1).getGroupInfoListList()).as("not newer").isEmpty();
        assertThat(GroupCalls.info(outsider, (int) normal.id(), 0).getGroupInfoListList()).as("not a member")
                .isEmpty();
        assertThat(GroupCalls.info(member, 987_654, 0).getGroupInfoListList()).as("unknown group").isEmpty();
        assertThat(GroupCalls.normalList(outsider).getGroupVersionListList()).isEmpty();
    }

    @Test
    void changesTemporaryGroupMembersOnlyAsAllowed() {
        TeamTalkClient creator = clients.login(207, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient member = clients.login(208, 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient outsider = clients.login(209, 2, ClientType.CLIENT_TYPE_WINDOWS);
        int group = GroupCalls.createTmp(creator, "project", List.of(208, 210));

        assertThat(GroupCalls.change(outsider, GROUP_MODIFY_TYPE_ADD, group, List.of(209)).getResultCode())
                .as("a non-member adds").isEqualTo(1);
        IMGroupChangeMemberRsp added = GroupCalls.change(member, GROUP_MODIFY_TYPE_ADD, group, List.of(211, 99_999));
        assertThat(added.getResultCode()).as("a member adds").isZero();
        assertThat(added.getUserId()).isEqualTo(208);
        assertThat(added.getChangeType()).isEqualTo(GROUP_MODIFY_TYPE_ADD);
        assertThat(added.getGroupId()).isEqualTo(group);
        assertThat(added.getCurUserIdListList()).containsExactly(207, 208, 210, 211);
        assertThat(added.getChgUserIdListList()).containsExactly(211);
        assertThat(GroupCalls.change(member, GROUP_MODIFY_TYPE_DEL, group, List.of(210)).getResultCode())
                .as("a member removes another").isEqualTo(1);
        assertThat(GroupCalls.change(member, GROUP_MODIFY_TYPE_DEL, group, List.of(208)).getCurUserIdListList())
                .as("a member leaves").containsExactly(207, 210, 211);
        IMGroupChangeMemberRsp removed = GroupCalls.change(creator, GROUP_MODIFY_TYPE_DEL, group, List.of(210, 212));
        assertThat(removed.getResultCode()).as("the creator removes").isZero();
        assertThat(removed.getChgUserIdListList()).containsExactly(210);
        assertThat(GroupCalls.change(creator, GROUP_MODIFY_TYPE_ADD, group, List.of()).getResultCode())
                .as("nobody named").isEqualTo(1);
        assertThat(GroupCalls.change(creator, GROUP_MODIFY_TYPE_ADD, 987_654, List.of(212)).getResultCode())
                .as("unknown group").isEqualTo(1);
        assertThat(GroupCalls.info(creator, group, 0).getGroupInfoList(0).getVersion())
                .as("one version per change").isEqualTo(4);
    }

    @Test
    void letsOnlyTheCreatorChangeANormalGroup() {
        GroupRecord normal = groups().create("board", "", 213, GroupRecord.NORMAL, List.of(214L))
                .toCompletableFuture().join().orElseThrow();
        TeamTalkClient creator = clients.login(213, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient member = clients.login(214, 1, ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(GroupCalls.change(member, GROUP_MODIFY_TYPE_ADD, (int) normal.id(), List.of(215))
                .getResultCode()).isEqualTo(1);
        assertThat(GroupCalls.change(member, GROUP_MODIFY_TYPE_DEL, (int) normal.id(), List.of(214))
                .getResultCode()).as("not even leaving").isEqualTo(1);
        assertThat(GroupCalls.change(creator, GROUP_MODIFY_TYPE_ADD, (int) normal.id(), List.of(215))
                .getCurUserIdListList()).containsExactly(213, 214, 215);
    }

    @Test
    void shieldsOnlyForMembersAndShowsTheRequestersShield() {
        TeamTalkClient creator = clients.login(216, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient member = clients.login(217, 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient outsider = clients.login(218, 2, ClientType.CLIENT_TYPE_WINDOWS);
        int group = GroupCalls.createTmp(creator, "noisy", List.of(217));

        IMGroupShieldRsp shielded = GroupCalls.shield(member, group, 1);
        assertThat(shielded.getResultCode()).isZero();
        assertThat(shielded.getUserId()).isEqualTo(217);
        assertThat(shielded.getGroupId()).isEqualTo(group);
        assertThat(GroupCalls.info(member, group, 0).getGroupInfoList(0).getShieldStatus()).isEqualTo(1);
        assertThat(GroupCalls.info(creator, group, 0).getGroupInfoList(0).getShieldStatus()).isZero();
        assertThat(GroupCalls.shield(member, group, 0).getResultCode()).isZero();
        assertThat(GroupCalls.info(member, group, 0).getGroupInfoList(0).getShieldStatus()).isZero();
        assertThat(GroupCalls.shield(outsider, group, 1).getResultCode()).as("not a member").isEqualTo(1);
        assertThat(GroupCalls.shield(member, 987_654, 1).getResultCode()).as("unknown group").isEqualTo(1);
    }

    @Test
    void aMemberChangeNoticeReachesEveryCurrentAndChangedMemberOnceExceptTheRequestingConnection() {
        TeamTalkClient requester = clients.login(219, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient requesterPhone = clients.login(219, 2, ClientType.CLIENT_TYPE_ANDROID);
        TeamTalkClient member = clients.login(220, 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient leaving = clients.login(221, 2, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient joining = clients.login(222, 1, ClientType.CLIENT_TYPE_MAC);
        cluster.awaitConnections(219, 2);
        List.of(220, 221, 222).forEach(id -> cluster.awaitConnections(id, 1));
        int group = GroupCalls.createTmp(requester, "moving", List.of(220, 221));

        GroupCalls.change(requester, GROUP_MODIFY_TYPE_ADD, group, List.of(222));

        IMGroupChangeMemberNotify expected = IMGroupChangeMemberNotify.newBuilder().setUserId(219)
                .setChangeType(GROUP_MODIFY_TYPE_ADD).setGroupId(group)
                .addAllCurUserIdList(List.of(219, 220, 221, 222)).addChgUserIdList(222).build();
        for (TeamTalkClient client : List.of(requesterPhone, member, leaving, joining)) {
            assertThat(notice(client)).as(client.toString()).isEqualTo(expected);
        }

        GroupCalls.change(requester, GROUP_MODIFY_TYPE_DEL, group, List.of(221));

        IMGroupChangeMemberNotify left = IMGroupChangeMemberNotify.newBuilder().setUserId(219)
                .setChangeType(GROUP_MODIFY_TYPE_DEL).setGroupId(group)
                .addAllCurUserIdList(List.of(219, 220, 222)).addChgUserIdList(221).build();
        for (TeamTalkClient client : List.of(requesterPhone, member, leaving, joining)) {
            assertThat(notice(client)).as(client.toString()).isEqualTo(left);
            assertThat(client.pollIncoming(GroupCmdID.CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE, QUIET))
                    .as("exactly once: " + client).isEmpty();
        }
        assertThat(requester.pollIncoming(GroupCmdID.CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE, QUIET)).isEmpty();
    }

    private static IMGroupChangeMemberNotify notice(TeamTalkClient client) {
        Pdu pdu = client.awaitIncoming(GroupCmdID.CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE, WAIT);
        assertThat(pdu.seq()).as("a notice has seq 0").isZero();
        try {
            return IMGroupChangeMemberNotify.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private GroupStore groups() {
        return cluster.presence.getBean(GroupStore.class);
    }
}
