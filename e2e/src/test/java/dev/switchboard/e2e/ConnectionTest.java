package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Login, heartbeat and the edge rules, as a TeamTalk client sees them over a real socket. */
class ConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void loginAnswersWithTheUsersInfo() {
        TeamTalkClient client = clients.connect(0);

        IMLoginRes response = client.login("user61", "123456", ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(response.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);
        assertThat(response.getUserInfo().getUserId()).isEqualTo(61);
        assertThat(response.getUserInfo().getUserNickName()).isEqualTo("nick61");
        assertThat(response.getServerTime()).isGreaterThan(1_700_000_000);
        assertThat(client.userId()).isEqualTo(61);
        cluster.awaitConnections(61, 1);
    }

    @Test
    void aWrongPasswordIsRefusedWithResult6AndTheConnectionClosed() {
        TeamTalkClient client = clients.connect(0);

        IMLoginRes response = client.login("user62", "wrong", ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(response.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED);
        assertThat(client.awaitClosed(WAIT)).isTrue();
    }

    @Test
    void anUnknownUserIsRefusedLikeAWrongPassword() {
        TeamTalkClient client = clients.connect(1);

        IMLoginRes response = client.login("nobody", "123456", ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(response.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED);
        assertThat(client.awaitClosed(WAIT)).isTrue();
    }

    @Test
    void aCommandBeforeLoginClosesTheConnection() {
        TeamTalkClient client = clients.connect(0);

        client.request(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_REQUEST_VALUE,
                IMAllUserReq.newBuilder().setUserId(1).setLatestUpdateTime(0).build());

        assertThat(client.awaitClosed(WAIT)).isTrue();
    }

    @Test
    void heartbeatsAreEchoedBeforeAndAfterLogin() {
        TeamTalkClient client = clients.connect(1);

        Pdu before = client.heartbeat().join();
        client.login("user63", "123456", ClientType.CLIENT_TYPE_ANDROID);
        Pdu after = client.heartbeat().join();

        assertThat(before.commandId()).isEqualTo(OtherCmdID.CID_OTHER_HEARTBEAT_VALUE);
        assertThat(before.body()).isEmpty();
        assertThat(after.commandId()).isEqualTo(OtherCmdID.CID_OTHER_HEARTBEAT_VALUE);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aMalformedFrameClosesOnlyThatConnection() {
        TeamTalkClient bystander = clients.connect(2);
        bystander.login("user64", "123456", ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient peer = clients.connect(2);
        peer.login("user65", "123456", ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient attacker = clients.connect(2);
        attacker.login("user66", "123456", ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(65, 1);

        // a frame claiming to be 9 bytes long: shorter than its own header
        attacker.sendBytes(new byte[] {0, 0, 0, 9, 0, 1, 0, 0, 0, 7, 7, 1, 0, 0, 0, 0});

        assertThat(attacker.awaitClosed(WAIT)).isTrue();
        assertThat(bystander.sendText(65, "still here").getMsgId()).isPositive();
        peer.awaitIncoming(com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE, WAIT);
        assertThat(bystander.isOpen()).isTrue();
    }

    @Test
    void aFrameOverTheMaximumClosesTheConnection() {
        TeamTalkClient attacker = clients.connect(0);

        attacker.sendBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 1, 0, 0});

        assertThat(attacker.awaitClosed(WAIT)).isTrue();
    }
}
