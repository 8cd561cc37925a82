package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ContactSessionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupVersionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UnreadInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.UserInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserReq;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMDepartmentReq;
import com.mogujie.tt.protobuf.IMBuddy.IMDepartmentRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMRecentContactSessionReq;
import com.mogujie.tt.protobuf.IMBuddy.IMRecentContactSessionRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMUserStatNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatReq;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListRsp;
import com.mogujie.tt.protobuf.IMLogin.IMLogoutReq;
import com.mogujie.tt.protobuf.IMLogin.IMLogoutRsp;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListRsp;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadAck;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadNotify;
import com.mogujie.tt.protobuf.IMMessage.IMUnreadMsgCntReq;
import com.mogujie.tt.protobuf.IMMessage.IMUnreadMsgCntRsp;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.switchboard.e2e.TestClients.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A TeamTalk client's working day, in the order TeamTalk's desktop client does it, with its colleagues spread over
 * the three gateways: log in, pull the directory, departments, groups, recent sessions and unread counts, read what
 * came while offline, chat one to one and in a group, mark read (seen by the user's phone on another gateway), see
 * who is online, log out (seen by colleagues). Users 320-329.
 */
class TeamTalkWorkdayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void aClientsWholeDayAcrossThreeGateways() {
        // colleagues: alice (PC, gw-0) and bob (PC, gw-2); carol arrives later on gw-1 with her PC and her phone
        TeamTalkClient alice = clients.login("user320", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient bob = clients.login("user321", 2, ClientType.CLIENT_TYPE_MAC);
        int team = GroupCalls.createTmp(alice, "workday", List.of(321, 322));
        alice.sendText(322, "good morning carol");
        alice.sendText(322, "standup at 10");
        assertThat(alice.sendGroupTextAsync(team, "hello team").join().getMsgId()).isEqualTo(1);

        // carol logs in on her PC and pulls what a TeamTalk client pulls (route-service stores what was acknowledged
        // a moment after the acks: wait for it before reading)
        TeamTalkClient carol = clients.login("user322", 1, ClientType.CLIENT_TYPE_WINDOWS);
        IMUnreadMsgCntRsp unread = await().atMost(WAIT).until(() -> unread(carol), rsp -> rsp.getTotalCnt() == 3);
        IMAllUserRsp users = ask(carol, ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_REQUEST_VALUE,
                IMAllUserReq.newBuilder().setUserId(0).setLatestUpdateTime(0).build(),
                BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE, IMAllUserRsp.parser());
        assertThat(users.getUserListList()).extracting(UserInfo::getUserId).contains(320, 321, 322);
        assertThat(users.getLatestUpdateTime()).isPositive();
        IMDepartmentRsp departments = ask(carol, ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_DEPARTMENT_REQUEST_VALUE,
                IMDepartmentReq.newBuilder().setUserId(0).setLatestUpdateTime(0).build(),
                BuddyListCmdID.CID_BUDDY_LIST_DEPARTMENT_RESPONSE_VALUE, IMDepartmentRsp.parser());
        assertThat(departments.getDeptListList()).isNotEmpty();

        IMRecentContactSessionRsp sessions = ask(carol, ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_REQUEST_VALUE,
                IMRecentContactSessionReq.newBuilder().setUserId(0).setLatestUpdateTime(0).build(),
                BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_RESPONSE_VALUE,
                IMRecentContactSessionRsp.parser());
        assertThat(sessions.getContactSessionListList())
                .extracting(ContactSessionInfo::getSessionType, ContactSessionInfo::getSessionId)
                .contains(org.assertj.core.groups.Tuple.tuple(SessionType.SESSION_TYPE_SINGLE, 320),
                        org.assertj.core.groups.Tuple.tuple(SessionType.SESSION_TYPE_GROUP, team));
        IMGroupInfoListRsp groupInfo = ask(carol, ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_INFO_REQUEST_VALUE,
                IMGroupInfoListReq.newBuilder().setUserId(0)
                        .addGroupVersionList(GroupVersionInfo.newBuilder().setGroupId(team).setVersion(0)).build(),
                GroupCmdID.CID_GROUP_INFO_RESPONSE_VALUE, IMGroupInfoListRsp.parser());
        assertThat(groupInfo.getGroupInfoList(0).getGroupName()).isEqualTo("workday");
        assertThat(groupInfo.getGroupInfoList(0).getGroupMemberListList()).containsExactlyInAnyOrder(320, 321, 322);

        assertThat(unread.getUnreadinfoListList())
                .extracting(UnreadInfo::getSessionType, UnreadInfo::getSessionId, UnreadInfo::getUnreadCnt)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SessionType.SESSION_TYPE_SINGLE, 320, 2),
                        org.assertj.core.groups.Tuple.tuple(SessionType.SESSION_TYPE_GROUP, team, 1));
        assertThat(texts(history(carol, SessionType.SESSION_TYPE_SINGLE, 320)))
                .containsExactly("standup at 10", "good morning carol");
        assertThat(texts(history(carol, SessionType.SESSION_TYPE_GROUP, team))).containsExactly("hello team");

        // her phone joins on another gateway; reading on the PC clears the counter and tells the phone
        TeamTalkClient carolPhone = clients.login("user322", 0, ClientType.CLIENT_TYPE_ANDROID);
        cluster.awaitConnections(322, 2);
        markRead(carol, SessionType.SESSION_TYPE_SINGLE, 320, 2);
        markRead(carol, SessionType.SESSION_TYPE_GROUP, team, 1);
        IMMsgDataReadNotify read = carolPhone.awaitIncoming(MessageCmdID.CID_MSG_READ_NOTIFY_VALUE,
                IMMsgDataReadNotify.parser(), WAIT);
        assertThat(read.getUserId()).isEqualTo(322);
        await().atMost(WAIT).until(() -> unread(carolPhone).getTotalCnt() == 0);

        // a live conversation: one to one (alice on gw-0) and in the group (bob on gw-2)
        assertThat(carol.sendText(320, "see you there").getMsgId()).isEqualTo(3);
        IMMsgData reply = alice.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT);
        assertThat(reply.getFromUserId()).isEqualTo(322);
        assertThat(TeamTalkCipher.decrypt(reply.getMsgData().toByteArray())).contains("see you there");
        assertThat(carolPhone.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT).getMsgId())
                .as("her phone sees what her PC sent").isEqualTo(3);
        carol.sendGroupTextAsync(team, "on my way").join();
        assertThat(bob.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                message -> message.getFromUserId() == 322 && message.getToSessionId() == team, WAIT))
                .as("bob on gw-2 gets carol's group message").isPresent();

        // who is online: alice, carol (PC); nobody for user329
        IMUsersStatRsp stats = ask(carol, ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_REQUEST_VALUE,
                IMUsersStatReq.newBuilder().setUserId(0).addAllUserIdList(List.of(320, 329)).build(),
                BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_RESPONSE_VALUE, IMUsersStatRsp.parser());
        assertThat(stats.getUserStatListList()).extracting(UserStat::getUserId, UserStat::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple(320, UserStatType.USER_STATUS_ONLINE),
                org.assertj.core.groups.Tuple.tuple(329, UserStatType.USER_STATUS_OFFLINE));

        // carol logs her PC out: answered, closed, and alice's PC learns she is offline
        IMLogoutRsp logout = ask(carol, ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_LOGINOUT_VALUE,
                IMLogoutReq.getDefaultInstance(), LoginCmdID.CID_LOGIN_RES_LOGINOUT_VALUE, IMLogoutRsp.parser());
        assertThat(logout.getResultCode()).isZero();
        assertThat(carol.awaitClosed(WAIT)).isTrue();
        assertThat(alice.pollIncoming(BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE, IMUserStatNotify.parser(),
                notify -> notify.getUserStat().getUserId() == 322
                        && notify.getUserStat().getStatus() == UserStatType.USER_STATUS_OFFLINE, WAIT)).isPresent();
        assertThat(carolPhone.isOpen()).as("the phone stays").isTrue();
    }

    private static IMUnreadMsgCntRsp unread(TeamTalkClient client) {
        return ask(client, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_UNREAD_CNT_REQUEST_VALUE,
                IMUnreadMsgCntReq.newBuilder().setUserId(0).build(),
                MessageCmdID.CID_MSG_UNREAD_CNT_RESPONSE_VALUE, IMUnreadMsgCntRsp.parser());
    }

    private static IMGetMsgListRsp history(TeamTalkClient client, SessionType type, int sessionId) {
        return ask(client, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_LIST_REQUEST_VALUE,
                IMGetMsgListReq.newBuilder().setUserId(0).setSessionType(type).setSessionId(sessionId)
                        .setMsgIdBegin(0).setMsgCnt(20).build(),
                MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE, IMGetMsgListRsp.parser());
    }

    private static void markRead(TeamTalkClient client, SessionType type, int sessionId, int msgId) {
        client.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_READ_ACK_VALUE, 0,
                IMMsgDataReadAck.newBuilder().setUserId(0).setSessionId(sessionId).setMsgId(msgId)
                        .setSessionType(type).build())).join();
    }

    private static List<String> texts(IMGetMsgListRsp list) {
        return list.getMsgListList().stream()
                .map(MsgInfo::getMsgData)
                .map(data -> TeamTalkCipher.decrypt(data.toByteArray()).orElse("?"))
                .toList();
    }
}
