package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.FileCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SwitchServiceCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.TransferFileType;
import com.mogujie.tt.protobuf.IMFile.IMFileHasOfflineReq;
import com.mogujie.tt.protobuf.IMFile.IMFileHasOfflineRsp;
import com.mogujie.tt.protobuf.IMFile.IMFileReq;
import com.mogujie.tt.protobuf.IMFile.IMFileRsp;
import com.mogujie.tt.protobuf.IMLogin.IMDeviceTokenReq;
import com.mogujie.tt.protobuf.IMLogin.IMDeviceTokenRsp;
import com.mogujie.tt.protobuf.IMLogin.IMLogoutReq;
import com.mogujie.tt.protobuf.IMLogin.IMLogoutRsp;
import com.mogujie.tt.protobuf.IMMessage.IMClientTimeReq;
import com.mogujie.tt.protobuf.IMMessage.IMClientTimeRsp;
import com.mogujie.tt.protobuf.IMSwitchService.IMP2PCmdMsg;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.DeviceTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static dev.switchboard.e2e.TestClients.ask;
import static org.assertj.core.api.Assertions.assertThat;

/** The small per-user commands: P2P commands, files without a file server, time, device token, logout. Users 170-179. */
class UserCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void aP2PCommandReachesThePeerAndTheSendersOtherDeviceFromTheRealSender() throws Exception {
        TeamTalkClient sender = clients.login("user170", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient senderPhone = clients.login("user170", 2, ClientType.CLIENT_TYPE_ANDROID);
        TeamTalkClient peer = clients.login("user171", 1, ClientType.CLIENT_TYPE_MAC);
        cluster.awaitConnections(170, 2);
        cluster.awaitConnections(171, 1);

        sender.send(Pdu.of(ServiceID.SID_SWITCH_SERVICE_VALUE, SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE, 9,
                IMP2PCmdMsg.newBuilder().setFromUserId(172).setToUserId(171).setCmdMsgData("{\"typing\":1}")
                        .build())).join();

        for (TeamTalkClient receiver : new TeamTalkClient[] {peer, senderPhone}) {
            Pdu received = receiver.awaitIncoming(SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE, WAIT);
            IMP2PCmdMsg command = IMP2PCmdMsg.parseFrom(received.body());
            assertThat(command.getFromUserId()).as("the real sender, not the claimed 172").isEqualTo(170);
            assertThat(command.getToUserId()).isEqualTo(171);
            assertThat(command.getCmdMsgData()).isEqualTo("{\"typing\":1}");
            assertThat(received.seq()).isZero();
        }
        assertThat(sender.pollIncoming(SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE, Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void aFileRequestIsRefusedAsTeamTalkDoesWithoutAFileServer() {
        TeamTalkClient client = clients.login("user173", 1, ClientType.CLIENT_TYPE_WINDOWS);

        IMFileRsp refused = ask(client, ServiceID.SID_FILE_VALUE, FileCmdID.CID_FILE_REQUEST_VALUE,
                IMFileReq.newBuilder().setFromUserId(999).setToUserId(174).setFileName("notes.txt").setFileSize(10)
                        .setTransMode(TransferFileType.FILE_TYPE_OFFLINE).build(),
                FileCmdID.CID_FILE_RESPONSE_VALUE, IMFileRsp.parser());
        IMFileHasOfflineRsp offline = ask(client, ServiceID.SID_FILE_VALUE, FileCmdID.CID_FILE_HAS_OFFLINE_REQ_VALUE,
                IMFileHasOfflineReq.newBuilder().setUserId(999).build(), FileCmdID.CID_FILE_HAS_OFFLINE_RES_VALUE,
                IMFileHasOfflineRsp.parser());

        assertThat(refused.getResultCode()).isEqualTo(1);
        assertThat(refused.getFromUserId()).isEqualTo(173);
        assertThat(refused.getToUserId()).isEqualTo(174);
        assertThat(refused.getFileName()).isEqualTo("notes.txt");
        assertThat(refused.getTaskId()).isEmpty();
        assertThat(refused.getTransMode()).isEqualTo(TransferFileType.FILE_TYPE_OFFLINE);
        assertThat(refused.getIpAddrListList()).isEmpty();
        assertThat(offline.getUserId()).isEqualTo(173);
        assertThat(offline.getOfflineFileListList()).isEmpty();
        assertThat(offline.getIpAddrListList()).isEmpty();
    }

    @Test
    void answersTheClientTimeWithTheServerClock() {
        TeamTalkClient client = clients.login("user175", 2, ClientType.CLIENT_TYPE_WINDOWS);
        long before = System.currentTimeMillis() / 1000;

        IMClientTimeRsp time = ask(client, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_TIME_REQUEST_VALUE,
                IMClientTimeReq.getDefaultInstance(), MessageCmdID.CID_MSG_TIME_RESPONSE_VALUE, IMClientTimeRsp.parser());

        assertThat(Integer.toUnsignedLong(time.getServerTime())).isBetween(before, System.currentTimeMillis() / 1000);
    }

    @Test
    void storesAPhonesDeviceTokenAndForgetsItAtLogoutThenCloses() {
        TeamTalkClient phone = clients.login("user176", 0, ClientType.CLIENT_TYPE_IOS);
        DeviceTokens tokens = cluster.gateways.get(0).getBean(DeviceTokens.class);

        IMDeviceTokenRsp answered = ask(phone, ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_DEVICETOKEN_VALUE,
                IMDeviceTokenReq.newBuilder().setUserId(999).setDeviceToken("apns-176").build(),
                LoginCmdID.CID_LOGIN_RES_DEVICETOKEN_VALUE, IMDeviceTokenRsp.parser());

        assertThat(answered.getUserId()).as("the user_id TeamTalk left out").isEqualTo(176);
        assertThat(tokens.tokens(176).toCompletableFuture().join())
                .isEqualTo(Map.of(ClientType.CLIENT_TYPE_IOS_VALUE, "apns-176"));

        IMLogoutRsp logout = ask(phone, ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_LOGINOUT_VALUE,
                IMLogoutReq.getDefaultInstance(), LoginCmdID.CID_LOGIN_RES_LOGINOUT_VALUE, IMLogoutRsp.parser());

        assertThat(logout.getResultCode()).isZero();
        assertThat(phone.awaitClosed(WAIT)).as("closed after the answer").isTrue();
        assertThat(tokens.tokens(176).toCompletableFuture().join()).isEmpty();
        cluster.awaitConnections(176, 0);
    }

    @Test
    void answersAPcDeviceTokenWithoutStoringIt() {
        TeamTalkClient pc = clients.login("user177", 1, ClientType.CLIENT_TYPE_WINDOWS);

        IMDeviceTokenRsp answered = ask(pc, ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_DEVICETOKEN_VALUE,
                IMDeviceTokenReq.newBuilder().setUserId(177).setDeviceToken("pc-token").build(),
                LoginCmdID.CID_LOGIN_RES_DEVICETOKEN_VALUE, IMDeviceTokenRsp.parser());

        assertThat(answered.getUserId()).isEqualTo(177);
        assertThat(pc.isOpen()).isTrue();
        assertThat(cluster.gateways.get(1).getBean(DeviceTokens.class).tokens(177).toCompletableFuture().join())
                .isEmpty();
    }
}
