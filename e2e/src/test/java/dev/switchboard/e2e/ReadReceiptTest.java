package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadAck;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadNotify;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static dev.switchboard.e2e.OfflineSyncTest.unread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read acknowledgements (PROTOCOL.md §5.9): the reader's other devices, on any gateway, learn what was read and the
 * unread counter is cleared; the sender gets no receipt, as in TeamTalk. Users 165-169.
 */
class ReadReceiptTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    final TestClients clients = new TestClients(Cluster.get());

    @Test
    void readingOnOneDeviceNotifiesTheOthersAndClearsTheUnreadCount() throws Exception {
        TeamTalkClient pc = clients.login("user165", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient phone = clients.login("user165", 2, ClientType.CLIENT_TYPE_IOS);
        TeamTalkClient sender = clients.login("user166", 1, ClientType.CLIENT_TYPE_WINDOWS);
        Cluster.get().awaitConnections(165, 2);
        sender.sendText(165, "first");
        IMMsgDataAck second = sender.sendText(165, "second");
        await().atMost(WAIT).until(() -> unread(pc).getTotalCnt() == 2);

        pc.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_READ_ACK_VALUE, 77, IMMsgDataReadAck.newBuilder()
                .setUserId(999).setSessionId(166).setMsgId(second.getMsgId())
                .setSessionType(SessionType.SESSION_TYPE_SINGLE).build())).join();

        Pdu notice = phone.awaitIncoming(MessageCmdID.CID_MSG_READ_NOTIFY_VALUE, WAIT);
        assertThat(notice.seq()).isZero();
        assertThat(notice.serviceId()).isEqualTo(ServiceID.SID_MSG_VALUE);
        IMMsgDataReadNotify notify = IMMsgDataReadNotify.parseFrom(notice.body());
        assertThat(notify.getUserId()).as("the reader, not the claimed user").isEqualTo(165);
        assertThat(notify.getSessionId()).isEqualTo(166);
        assertThat(notify.getMsgId()).isEqualTo(second.getMsgId());
        assertThat(notify.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_SINGLE);
        assertThat(unread(phone).getTotalCnt()).as("cleared before the notice was delivered").isZero();
        assertThat(unread(pc).getUnreadinfoListList()).isEmpty();
        assertThat(pc.pollIncoming(MessageCmdID.CID_MSG_READ_NOTIFY_VALUE, Duration.ofMillis(300)))
                .as("not echoed to the reading connection").isEmpty();
        assertThat(sender.pollIncoming(MessageCmdID.CID_MSG_READ_NOTIFY_VALUE, Duration.ofMillis(300)))
                .as("no read receipt to the sender").isEmpty();
        assertThat(pc.isOpen()).as("no answer and no close").isTrue();
    }
}
