package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ContactSessionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionStatusType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UnreadInfo;
import com.mogujie.tt.protobuf.IMBuddy.IMRecentContactSessionReq;
import com.mogujie.tt.protobuf.IMBuddy.IMRecentContactSessionRsp;
import com.mogujie.tt.protobuf.IMMessage.IMGetLatestMsgIdReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetLatestMsgIdRsp;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgByIdReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgByIdRsp;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListRsp;
import com.mogujie.tt.protobuf.IMMessage.IMUnreadMsgCntReq;
import com.mogujie.tt.protobuf.IMMessage.IMUnreadMsgCntRsp;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.switchboard.e2e.TestClients.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client pulls after login (PROTOCOL.md §5.13): unread counts, message history in pages, messages by id, the
 * latest id and recent sessions, over real sockets from what route-service stored. Users 150-159.
 */
class OfflineSyncTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    final TestClients clients = new TestClients(Cluster.get());

    @Test
    void anOfflineUserFindsUnreadCountsAndPagesOfHistoryAfterLogin() {
        TeamTalkClient alice = clients.login("user150", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient carol = clients.login("user152", 2, ClientType.CLIENT_TYPE_MAC);
        for (int i = 1; i <= 5; i++) {
            assertThat(alice.sendText(151, "from alice " + i).getMsgId()).isEqualTo(i);
        }
        carol.sendText(151, "from carol 1");
        carol.sendText(151, "from carol 2");

        TeamTalkClient bob = clients.login("user151", 1, ClientType.CLIENT_TYPE_ANDROID);

        IMUnreadMsgCntRsp unread = await().atMost(WAIT).until(() -> unread(bob), rsp -> rsp.getTotalCnt() == 7);
        assertThat(unread.getUserId()).isEqualTo(151);
        assertThat(unread.getUnreadinfoListList()).hasSize(2);
        UnreadInfo fromAlice = unreadFrom(unread, 150);
        assertThat(fromAlice.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_SINGLE);
        assertThat(fromAlice.getUnreadCnt()).isEqualTo(5);
        assertThat(fromAlice.getLatestMsgId()).isEqualTo(5);
        assertThat(fromAlice.getLatestMsgType()).isEqualTo(MsgType.MSG_TYPE_SINGLE_TEXT);
        assertThat(fromAlice.getLatestMsgFromUserId()).isEqualTo(150);
        assertThat(text(fromAlice.getLatestMsgData().toByteArray())).isEqualTo("from alice 5");
        assertThat(unreadFrom(unread, 152).getUnreadCnt()).isEqualTo(2);

        IMGetMsgListRsp newest = messageList(bob, 150, 0, 3);
        assertThat(newest.getUserId()).isEqualTo(151);
        assertThat(newest.getSessionId()).isEqualTo(150);
        assertThat(newest.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_SINGLE);
        assertThat(newest.getMsgIdBegin()).isZero();
        assertThat(newest.getMsgListList()).extracting(MsgInfo::getMsgId).containsExactly(5, 4, 3);
        assertThat(newest.getMsgListList()).extracting(info -> text(info.getMsgData().toByteArray()))
                .containsExactly("from alice 5", "from alice 4", "from alice 3");
        assertThat(newest.getMsgListList()).allSatisfy(info -> {
            assertThat(info.getFromSessionId()).isEqualTo(150);
            assertThat(info.getMsgType()).isEqualTo(MsgType.MSG_TYPE_SINGLE_TEXT);
            assertThat(info.getCreateTime()).isGreaterThan(1_700_000_000);
        });

        IMGetMsgListRsp older = messageList(bob, 150, 2, 3);
        assertThat(older.getMsgIdBegin()).isEqualTo(2);
        assertThat(older.getMsgListList()).extracting(MsgInfo::getMsgId).containsExactly(2, 1);
        assertThat(text(older.getMsgList(1).getMsgData().toByteArray())).isEqualTo("from alice 1");
        assertThat(messageList(bob, 152, 0, 10).getMsgListList()).extracting(MsgInfo::getFromSessionId)
                .containsExactly(152, 152);
    }

    @Test
    void findsMessagesByIdAndTheLatestIdOfAConversation() {
        TeamTalkClient sender = clients.login("user153", 0, ClientType.CLIENT_TYPE_WINDOWS);
        sender.sendText(154, "one");
        sender.sendText(154, "two");
        sender.sendText(154, "three");
        TeamTalkClient reader = clients.login("user154", 2, ClientType.CLIENT_TYPE_WINDOWS);

        IMGetLatestMsgIdRsp latest = await().atMost(WAIT).until(() -> ask(reader, ServiceID.SID_MSG_VALUE,
                MessageCmdID.CID_MSG_GET_LATEST_MSG_ID_REQ_VALUE, IMGetLatestMsgIdReq.newBuilder().setUserId(154)
                        .setSessionType(SessionType.SESSION_TYPE_SINGLE).setSessionId(153).build(),
                MessageCmdID.CID_MSG_GET_LATEST_MSG_ID_RSP_VALUE, IMGetLatestMsgIdRsp.parser()),
                rsp -> rsp.getLatestMsgId() == 3);
        assertThat(latest.getUserId()).isEqualTo(154);
        assertThat(latest.getSessionId()).isEqualTo(153);

        IMGetMsgByIdRsp byId = ask(reader, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_GET_BY_MSG_ID_REQ_VALUE,
                IMGetMsgByIdReq.newBuilder().setUserId(999).setSessionType(SessionType.SESSION_TYPE_SINGLE)
                        .setSessionId(153).addAllMsgIdList(List.of(3, 1, 42)).build(),
                MessageCmdID.CID_MSG_GET_BY_MSG_ID_RES_VALUE, IMGetMsgByIdRsp.parser());
        assertThat(byId.getUserId()).as("the logged-in user, not the claimed one").isEqualTo(154);
        assertThat(byId.getSessionId()).isEqualTo(153);
        assertThat(byId.getMsgListList()).extracting(MsgInfo::getMsgId).containsExactly(3, 1);
        assertThat(byId.getMsgListList()).extracting(info -> text(info.getMsgData().toByteArray()))
                .containsExactly("three", "one");
    }

    @Test
    void recentSessionsAreIncrementalByUpdateTime() {
        TeamTalkClient user = clients.login("user155", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient first = clients.login("user156", 1, ClientType.CLIENT_TYPE_WINDOWS);
        first.sendText(155, "first conversation");

        ContactSessionInfo session = await().atMost(WAIT).until(() -> sessions(user, 0),
                rsp -> rsp.getContactSessionListCount() == 1).getContactSessionList(0);
        assertThat(session.getSessionId()).isEqualTo(156);
        assertThat(session.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_SINGLE);
        assertThat(session.getSessionStatus()).isEqualTo(SessionStatusType.SESSION_STATUS_OK);
        assertThat(session.getLatestMsgId()).isEqualTo(1);
        assertThat(session.getLatestMsgFromUserId()).isEqualTo(156);
        assertThat(text(session.getLatestMsgData().toByteArray())).isEqualTo("first conversation");
        int since = session.getUpdatedTime();
        assertThat(sessions(user, since).getContactSessionListList()).as("nothing changed after it").isEmpty();

        await().atMost(WAIT).until(() -> System.currentTimeMillis() / 1000 > since); // the next second
        TeamTalkClient second = clients.login("user157", 2, ClientType.CLIENT_TYPE_MAC);
        user.sendText(157, "second conversation");

        IMRecentContactSessionRsp changed = await().atMost(WAIT).until(() -> sessions(user, since),
                rsp -> rsp.getContactSessionListCount() > 0);
        assertThat(changed.getUserId()).isEqualTo(155);
        assertThat(changed.getContactSessionListList()).extracting(ContactSessionInfo::getSessionId)
                .containsExactly(157);
        assertThat(text(changed.getContactSessionList(0).getLatestMsgData().toByteArray()))
                .isEqualTo("second conversation");
        assertThat(sessions(user, 0).getContactSessionListList()).extracting(ContactSessionInfo::getSessionId)
                .as("newest first").containsExactly(157, 156);
        assertThat(second.isOpen()).isTrue();
    }

    static IMUnreadMsgCntRsp unread(TeamTalkClient client) {
        return ask(client, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_UNREAD_CNT_REQUEST_VALUE,
                IMUnreadMsgCntReq.newBuilder().setUserId(client.userId()).build(),
                MessageCmdID.CID_MSG_UNREAD_CNT_RESPONSE_VALUE, IMUnreadMsgCntRsp.parser());
    }

    static IMRecentContactSessionRsp sessions(TeamTalkClient client, int latestUpdateTime) {
        return ask(client, ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_REQUEST_VALUE,
                IMRecentContactSessionReq.newBuilder().setUserId(client.userId())
                        .setLatestUpdateTime(latestUpdateTime).build(),
                BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_RESPONSE_VALUE,
                IMRecentContactSessionRsp.parser());
    }

    static String text(byte[] msgData) {
        return TeamTalkCipher.decrypt(msgData).orElseThrow();
    }

    private static IMGetMsgListRsp messageList(TeamTalkClient client, int peer, int begin, int count) {
        return ask(client, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_LIST_REQUEST_VALUE,
                IMGetMsgListReq.newBuilder().setUserId(client.userId()).setSessionType(SessionType.SESSION_TYPE_SINGLE)
                        .setSessionId(peer).setMsgIdBegin(begin).setMsgCnt(count).build(),
                MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE, IMGetMsgListRsp.parser());
    }

    private static UnreadInfo unreadFrom(IMUnreadMsgCntRsp unread, int peer) {
        return unread.getUnreadinfoListList().stream().filter(info -> info.getSessionId() == peer).findFirst()
                .orElseThrow(() -> new AssertionError("no unread info for " + peer + " in " + unread));
    }
}
