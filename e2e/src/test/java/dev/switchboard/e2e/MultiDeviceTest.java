package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.KickReasonType;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMBuddy.IMPCLoginStatusNotify;
import com.mogujie.tt.protobuf.IMLogin.IMKickPCClientReq;
import com.mogujie.tt.protobuf.IMLogin.IMKickPCClientRsp;
import com.mogujie.tt.protobuf.IMLogin.IMKickUser;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.PresenceEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The multi-device policy (TeamTalk's: one PC and one mobile connection per user) across gateways, and a mobile
 * client kicking its PC (0x010a), as clients see them. Users 100-129.
 */
class MultiDeviceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void aSecondPcLoginOnAnotherGatewayKicksAndClosesTheFirst() {
        TeamTalkClient first = clients.login("user110", 0, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(110, 1);

        TeamTalkClient second = clients.login("user110", 1, ClientType.CLIENT_TYPE_MAC);

        IMKickUser kick = first.awaitIncoming(LoginCmdID.CID_LOGIN_KICK_USER_VALUE, IMKickUser.parser(), WAIT);
        assertThat(kick.getUserId()).isEqualTo(110);
        assertThat(kick.getKickReason()).isEqualTo(KickReasonType.KICK_REASON_DUPLICATE_USER);
        assertThat(first.awaitClosed(WAIT)).isTrue();
        cluster.awaitConnections(110, 1);
        assertThat(cluster.connections(110)).extracting(PresenceEntry::gatewayId).containsExactly("gw-1");

        TeamTalkClient sender = clients.login("user111", 2, ClientType.CLIENT_TYPE_WINDOWS);
        sender.sendText(110, "still there?");
        assertThat(second.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT).getFromUserId())
                .isEqualTo(111);
        assertThat(second.isOpen()).isTrue();
    }

    @Test
    void aPcAndAMobileOfTheSameUserCoexist() {
        TeamTalkClient pc = clients.login("user112", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient phone = clients.login("user112", 1, ClientType.CLIENT_TYPE_ANDROID);
        cluster.awaitConnections(112, 2);

        TeamTalkClient sender = clients.login("user113", 2, ClientType.CLIENT_TYPE_WINDOWS);
        sender.sendText(112, "both of you");

        pc.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, WAIT);
        phone.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, WAIT);
        assertThat(pc.pollIncoming(LoginCmdID.CID_LOGIN_KICK_USER_VALUE, QUIET)).isEmpty();
        assertThat(phone.pollIncoming(LoginCmdID.CID_LOGIN_KICK_USER_VALUE, Duration.ZERO)).isEmpty();
        assertThat(pc.isOpen()).isTrue();
        assertThat(phone.isOpen()).isTrue();
    }

    @Test
    void aMobileKicksItsPcWithReason2AndIsAnsweredWithResult0() throws Exception {
        TeamTalkClient pc = clients.login("user114", 0, ClientType.CLIENT_TYPE_MAC);
        TeamTalkClient phone = clients.login("user114", 1, ClientType.CLIENT_TYPE_IOS);
        cluster.awaitConnections(114, 2);

        Pdu answer = phone.request(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_KICKPCCLIENT_VALUE,
                IMKickPCClientReq.newBuilder().setUserId(999).build()).get(10, TimeUnit.SECONDS);

        assertThat(answer.commandId()).isEqualTo(LoginCmdID.CID_LOGIN_RES_KICKPCCLIENT_VALUE);
        IMKickPCClientRsp response = IMKickPCClientRsp.parseFrom(answer.body());
        assertThat(response.getUserId()).isEqualTo(114);
        assertThat(response.getResultCode()).isZero();
        IMKickUser kick = pc.awaitIncoming(LoginCmdID.CID_LOGIN_KICK_USER_VALUE, IMKickUser.parser(), WAIT);
        assertThat(kick.getKickReason()).isEqualTo(KickReasonType.KICK_REASON_MOBILE_KICK);
        assertThat(pc.awaitClosed(WAIT)).isTrue();
        assertThat(pcLoginStat(phone)).as("at its login: the PC is there").isEqualTo(UserStatType.USER_STATUS_ONLINE);
        assertThat(pcLoginStat(phone)).as("the PC is gone").isEqualTo(UserStatType.USER_STATUS_OFFLINE);
        cluster.awaitConnections(114, 1);
        assertThat(cluster.connections(114)).extracting(PresenceEntry::mobile).containsExactly(true);
        assertThat(phone.isOpen()).isTrue();
    }

    @Test
    void aPcAskingToKickThePcIsAnsweredWithResult1AndNothingHappens() throws Exception {
        TeamTalkClient pc = clients.login("user115", 0, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(115, 1);

        Pdu answer = pc.request(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_KICKPCCLIENT_VALUE,
                IMKickPCClientReq.newBuilder().setUserId(115).build()).get(10, TimeUnit.SECONDS);

        IMKickPCClientRsp response = IMKickPCClientRsp.parseFrom(answer.body());
        assertThat(response.getUserId()).isEqualTo(115);
        assertThat(response.getResultCode()).isEqualTo(1);
        assertThat(pc.pollIncoming(LoginCmdID.CID_LOGIN_KICK_USER_VALUE, QUIET)).isEmpty();
        assertThat(pc.isOpen()).isTrue();
        assertThat(cluster.connections(115)).hasSize(1);
    }

    @Test
    void twoRacingLoginsOnDifferentGatewaysLeaveExactlyOneWinner() {
        for (int userId = 120; userId < 126; userId++) {
            TeamTalkClient onGw0 = clients.connect(0);
            TeamTalkClient onGw1 = clients.connect(1);
            String user = "user" + userId;
            CompletableFuture<?> a = CompletableFuture.runAsync(
                    () -> TestClients.assertLogsIn(onGw0, user, ClientType.CLIENT_TYPE_WINDOWS));
            CompletableFuture<?> b = CompletableFuture.runAsync(
                    () -> TestClients.assertLogsIn(onGw1, user, ClientType.CLIENT_TYPE_MAC));
            CompletableFuture.allOf(a, b).join();

            long id = userId;
            await().atMost(WAIT).until(() -> (onGw0.isOpen() ? 1 : 0) + (onGw1.isOpen() ? 1 : 0) == 1
                    && cluster.connections(id).size() == 1);
            String winnerGateway = onGw0.isOpen() ? "gw-0" : "gw-1";
            TeamTalkClient loser = onGw0.isOpen() ? onGw1 : onGw0;
            assertThat(cluster.connections(id)).extracting(PresenceEntry::gatewayId).containsExactly(winnerGateway);
            assertThat(loser.incoming()).extracting(Pdu::commandId).contains(LoginCmdID.CID_LOGIN_KICK_USER_VALUE);
        }
    }

    private static UserStatType pcLoginStat(TeamTalkClient phone) {
        return phone.awaitIncoming(BuddyListCmdID.CID_BUDDY_LIST_PC_LOGIN_STATUS_NOTIFY_VALUE,
                IMPCLoginStatusNotify.parser(), WAIT).getLoginStat();
    }
}
