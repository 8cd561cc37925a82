package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ContactSessionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionStatusType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionReq;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionRsp;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static dev.switchboard.e2e.OfflineSyncTest.sessions;
import static dev.switchboard.e2e.OfflineSyncTest.unread;
import static dev.switchboard.e2e.TestClients.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Removing a conversation from the recent sessions: the user's other devices are told at once (0x020f) and find it
 * removed on their next incremental session request; a new message brings it back. Users 160-164.
 */
class SessionRemovalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    final TestClients clients = new TestClients(Cluster.get());

    @Test
    void aRemovedSessionIsGoneOnEveryDeviceUntilTheNextMessage() throws Exception {
        TeamTalkClient pc = clients.login("user160", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient phone = clients.login("user160", 1, ClientType.CLIENT_TYPE_ANDROID);
        TeamTalkClient peer = clients.login("user161", 2, ClientType.CLIENT_TYPE_WINDOWS);
        Cluster.get().awaitConnections(160, 2);
        peer.sendText(160, "remove me");
        ContactSessionInfo before = await().atMost(WAIT).until(() -> sessions(pc, 0),
                rsp -> rsp.getContactSessionListCount() == 1).getContactSessionList(0);
        assertThat(unread(pc).getTotalCnt()).isEqualTo(1);

        IMRemoveSessionRsp removed = ask(pc, ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_REQ_VALUE, IMRemoveSessionReq.newBuilder()
                        .setUserId(999).setSessionType(SessionType.SESSION_TYPE_SINGLE).setSessionId(161).build(),
                BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_RES_VALUE, IMRemoveSessionRsp.parser());

        assertThat(removed.getUserId()).isEqualTo(160);
        assertThat(removed.getResultCode()).isZero();
        assertThat(removed.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_SINGLE);
        assertThat(removed.getSessionId()).isEqualTo(161);
        Pdu notice = phone.awaitIncoming(BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_NOTIFY_VALUE, WAIT);
        assertThat(notice.seq()).isZero();
        assertThat(notice.serviceId()).isEqualTo(ServiceID.SID_BUDDY_LIST_VALUE);
        IMRemoveSessionNotify notify = IMRemoveSessionNotify.parseFrom(notice.body());
        assertThat(notify.getUserId()).isEqualTo(160);
        assertThat(notify.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_SINGLE);
        assertThat(notify.getSessionId()).isEqualTo(161);
        assertThat(pc.pollIncoming(BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_NOTIFY_VALUE, Duration.ofMillis(300)))
                .as("not echoed to the removing connection").isEmpty();

        assertThat(sessions(phone, 0).getContactSessionListList()).as("removed before the notice arrived").isEmpty();
        ContactSessionInfo tombstone = sessions(phone, before.getUpdatedTime() - 1).getContactSessionList(0);
        assertThat(tombstone.getSessionId()).isEqualTo(161);
        assertThat(tombstone.getSessionStatus()).isEqualTo(SessionStatusType.SESSION_STATUS_DELETE);
        assertThat(tombstone.getUpdatedTime()).isGreaterThanOrEqualTo(before.getUpdatedTime());
        assertThat(unread(phone).getTotalCnt()).as("its unread messages went with it").isZero();

        peer.sendText(160, "I am back");

        ContactSessionInfo back = await().atMost(WAIT).until(() -> sessions(phone, 0),
                rsp -> rsp.getContactSessionListCount() == 1).getContactSessionList(0);
        assertThat(back.getSessionStatus()).isEqualTo(SessionStatusType.SESSION_STATUS_OK);
        assertThat(back.getLatestMsgId()).isEqualTo(2);
        assertThat(sessions(phone, before.getUpdatedTime() - 1).getContactSessionListList())
                .extracting(ContactSessionInfo::getSessionStatus).containsExactly(SessionStatusType.SESSION_STATUS_OK);
    }
}
