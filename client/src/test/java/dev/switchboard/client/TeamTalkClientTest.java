package dev.switchboard.client;

import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_ACK_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_TIME_REQUEST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_TIME_RESPONSE_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_BUDDY_LIST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_MSG_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMBuddy.IMUserStatNotify;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import com.mogujie.tt.protobuf.IMMessage.IMClientTimeReq;
import com.mogujie.tt.protobuf.IMMessage.IMClientTimeRsp;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

class TeamTalkClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeGateway gateway;
    private TeamTalkClient client;

    @BeforeEach
    void connect() {
        gateway = new FakeGateway();
        client = TeamTalkClient.connect("127.0.0.1", gateway.port());
    }

    @AfterEach
    void close() {
        client.close();
        gateway.close();
    }

    @Test
    void sendsThePasswordAsLowercaseMd5HexLikeTeamTalkClients() throws Exception {
        IMLoginRes response = client.login("user12", "123456", ClientType.CLIENT_TYPE_WINDOWS);

        IMLoginReq sent = IMLoginReq.parseFrom(gateway.awaitReceived(CID_LOGIN_REQ_USERLOGIN_VALUE).body());
        IMLoginReq golden = IMLoginReq.parseFrom(GoldenFrames.pdu(GoldenFrames.LOGIN_REQUEST).body());
        assertThat(sent.getPassword()).isEqualTo("e10adc3949ba59abbe56e057f20f883e");
        assertThat(sent.toBuilder().setClientVersion("1.0").build()).isEqualTo(golden);
        assertThat(sent.getClientVersion()).isEqualTo("switchboard-client");
        assertThat(response.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);
        assertThat(client.userId()).isEqualTo(12);
    }

    @Test
    void returnsTheRefusalAndKeepsUserIdZeroWhenThePasswordIsWrong() {
        IMLoginRes response = client.login("user12", "wrong", ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(response.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED);
        assertThat(response.getResultString()).isEqualTo("用户名/密码错误");
        assertThat(client.userId()).isZero();
        assertThat(client.awaitClosed(WAIT)).isTrue();
    }

    @Test
    void matchesAnswersToRequestsBySeqNotByArrivalOrder() {
        CompletableFuture<Pdu> first = client.request(SID_MSG_VALUE, CID_MSG_TIME_REQUEST_VALUE,
                IMClientTimeReq.getDefaultInstance());
        CompletableFuture<Pdu> second = client.request(SID_MSG_VALUE, CID_MSG_TIME_REQUEST_VALUE,
                IMClientTimeReq.getDefaultInstance());
        await().until(() -> gateway.received().size() == 2);
        int firstSeq = gateway.received().get(0).seq();
        int secondSeq = gateway.received().get(1).seq();

        gateway.push(timeResponse(secondSeq, 222));
        gateway.push(timeResponse(firstSeq, 111));

        assertThat(firstSeq).isEqualTo(1);
        assertThat(secondSeq).isEqualTo(2);
        assertThat(first).succeedsWithin(WAIT).extracting(Pdu::seq).isEqualTo(1);
        assertThat(second).succeedsWithin(WAIT).extracting(Pdu::seq).isEqualTo(2);
        assertThat(client.incoming()).isEmpty();
    }

    @Test
    void completesAHeartbeatWithTheServersEchoOfTheSameSeq() {
        Pdu echo = client.heartbeat().join();

        assertThat(echo.seq()).isEqualTo(gateway.received().get(0).seq()).isNotZero();
        assertThat(echo.body()).isEmpty();
    }

    @Test
    void returnsTheServersAckForASentTextWhoseBodyIsTheCiphertext() throws Exception {
        IMMsgDataAck ack = client.sendText(11, "hi there");

        IMMsgData sent = IMMsgData.parseFrom(gateway.awaitReceived(CID_MSG_DATA_VALUE).body());
        assertThat(ack.getMsgId()).isEqualTo(1);
        assertThat(sent.getToSessionId()).isEqualTo(11);
        assertThat(sent.getMsgType()).isEqualTo(MsgType.MSG_TYPE_SINGLE_TEXT);
        assertThat(TeamTalkCipher.decrypt(sent.getMsgData().toByteArray())).contains("hi there");
    }

    @Test
    void acknowledgesAReceivedMessageExactlyAsTeamTalksOwnClientDoes() {
        client.login("user12", "123456", ClientType.CLIENT_TYPE_WINDOWS);

        gateway.pushFrame(GoldenFrames.bytes(GoldenFrames.MESSAGE_TO_USER12));

        Pdu ack = gateway.awaitReceived(CID_MSG_DATA_ACK_VALUE);
        Pdu golden = GoldenFrames.pdu(GoldenFrames.ACK_FROM_USER12);
        assertThat(ack.body()).isEqualTo(golden.body());
        assertThat(ack.serviceId()).isEqualTo(golden.serviceId());
        assertThat(ack.seq()).isNotZero();
        assertThat(client.awaitIncoming(CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT).getMsgId()).isEqualTo(1);
    }

    @Test
    void sendsNoAckWhenAutoAckIsOff() {
        client.autoAck(false);

        gateway.pushFrame(GoldenFrames.bytes(GoldenFrames.MESSAGE_TO_USER12));
        client.awaitIncoming(CID_MSG_DATA_VALUE, WAIT);
        client.heartbeat().join();

        assertThat(gateway.received()).extracting(Pdu::commandId).doesNotContain(CID_MSG_DATA_ACK_VALUE);
    }

    @Test
    void takesIncomingPdusByCommandIdAndKeepsTheOthersForLater() {
        gateway.push(statusNotify(11));
        gateway.pushFrame(GoldenFrames.bytes(GoldenFrames.MESSAGE_TO_USER12));

        Pdu message = client.awaitIncoming(CID_MSG_DATA_VALUE, WAIT);

        assertThat(message.commandId()).isEqualTo(CID_MSG_DATA_VALUE);
        assertThat(client.incoming()).extracting(Pdu::commandId).containsExactly(CID_BUDDY_LIST_STATUS_NOTIFY_VALUE);
        assertThat(client.awaitIncoming(CID_BUDDY_LIST_STATUS_NOTIFY_VALUE, IMUserStatNotify.parser(), WAIT)
                .getUserStat().getUserId()).isEqualTo(11);
        assertThat(client.incoming()).isEmpty();
    }

    @Test
    void tellsTheListenerAboutEveryIncomingPdu() {
        CompletableFuture<Pdu> heard = new CompletableFuture<>();
        client.onIncoming(heard::complete);

        gateway.push(statusNotify(11));

        assertThat(heard).succeedsWithin(WAIT).extracting(Pdu::commandId).isEqualTo(CID_BUDDY_LIST_STATUS_NOTIFY_VALUE);
    }

    @Test
    void failsAwaitIncomingWithATimeoutWhenNothingArrives() {
        assertThatThrownBy(() -> client.awaitIncoming(CID_MSG_DATA_VALUE, Duration.ofMillis(100)))
                .isInstanceOf(TeamTalkClientException.class)
                .hasMessage("timeout: no incoming cid=0x0301 within 100ms");
        assertThat(client.pollIncoming(CID_MSG_DATA_VALUE, Duration.ofMillis(10))).isEmpty();
    }

    @Test
    void failsPendingRequestsWhenTheServerClosesTheConnection() {
        CompletableFuture<Pdu> unanswered = client.request(SID_MSG_VALUE, CID_MSG_TIME_REQUEST_VALUE,
                IMClientTimeReq.getDefaultInstance());
        gateway.awaitReceived(CID_MSG_TIME_REQUEST_VALUE);

        gateway.closeConnection();

        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(client.isOpen()).isFalse();
        assertThat(unanswered).failsWithin(WAIT).withThrowableThat().withMessageContaining("connection closed");
        assertThatThrownBy(() -> client.sendText(11, "too late"))
                .isInstanceOf(TeamTalkClientException.class).hasMessageContaining("connection closed");
    }

    @Test
    void sendsRawBytesThatAGatewayRejectsAsAMalformedFrame() {
        client.sendBytes(new byte[] {0, 0, 0, 9, 0, 1, 0, 0}).join();

        assertThat(client.awaitClosed(WAIT)).isTrue();
        assertThat(gateway.received()).isEmpty();
    }

    @Test
    void sendsHeartbeatsPeriodicallyOnceStarted() {
        client.startHeartbeats(Duration.ofMillis(50));

        await().until(() -> gateway.received().size() >= 3);
        assertThat(gateway.received()).extracting(Pdu::commandId).containsOnly(0x0701);
    }

    @Test
    void failsToConnectWithTheAddressInTheMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> TeamTalkClient.connect("127.0.0.1", closedPort, Duration.ofSeconds(2)))
                .isInstanceOf(TeamTalkClientException.class)
                .hasMessageStartingWith("cannot connect to 127.0.0.1:" + closedPort);
    }

    private static Pdu timeResponse(int seq, int serverTime) {
        return Pdu.of(SID_MSG_VALUE, CID_MSG_TIME_RESPONSE_VALUE, seq,
                IMClientTimeRsp.newBuilder().setServerTime(serverTime).build());
    }

    private static Pdu statusNotify(int userId) {
        UserStat stat = UserStat.newBuilder().setUserId(userId).setStatus(UserStatType.USER_STATUS_ONLINE).build();
        return Pdu.of(SID_BUDDY_LIST_VALUE, CID_BUDDY_LIST_STATUS_NOTIFY_VALUE, 0,
                IMUserStatNotify.newBuilder().setUserStat(stat).build());
    }
}
