package dev.switchboard.e2e;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** 1:1 messages between TeamTalk clients over real sockets, through Kafka and Redis. Each test uses its own users. */
class MessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void deliversAcrossGatewaysAndAcksWithTheRequestSeqAndServerMsgId() throws Exception {
        TeamTalkClient sender = clients.login("user11", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient receiver = clients.login("user12", 1, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(12, 1);

        // request() completes only with the PDU that echoes the request's seq
        Pdu ackPdu = sender.request(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE,
                text(999, 12, "hello user12")).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ackPdu.commandId()).isEqualTo(MessageCmdID.CID_MSG_DATA_ACK_VALUE);
        IMMsgDataAck ack = IMMsgDataAck.parseFrom(ackPdu.body());
        assertThat(ack.getUserId()).isEqualTo(11);
        assertThat(ack.getSessionId()).isEqualTo(12);
        assertThat(ack.getMsgId()).isEqualTo(1);
        assertThat(ack.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_SINGLE);

        Pdu delivered = receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, WAIT);
        IMMsgData message = IMMsgData.parseFrom(delivered.body());
        assertThat(delivered.seq()).isZero();
        assertThat(message.getFromUserId()).as("sender overwritten by the server").isEqualTo(11);
        assertThat(message.getToSessionId()).isEqualTo(12);
        assertThat(message.getMsgId()).isEqualTo(1);
        assertThat(message.getCreateTime()).isGreaterThan(1_700_000_000);
        assertThat(message.hasAttachData()).isFalse();
        assertThat(TeamTalkCipher.decrypt(message.getMsgData().toByteArray())).contains("hello user12");
    }

    @Test
    void deliversOnTheSameGateway() throws Exception {
        TeamTalkClient sender = clients.login("user21", 2, ClientType.CLIENT_TYPE_MAC);
        TeamTalkClient receiver = clients.login("user22", 2, ClientType.CLIENT_TYPE_ANDROID);
        cluster.awaitConnections(22, 1);

        IMMsgDataAck ack = sender.sendText(22, "same gateway");

        IMMsgData message = receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT);
        assertThat(message.getMsgId()).isEqualTo(ack.getMsgId());
        assertThat(TeamTalkCipher.decrypt(message.getMsgData().toByteArray())).contains("same gateway");
    }

    @Test
    void theSendersOtherDeviceReceivesItsOwnMessageButTheSendingConnectionDoesNot() throws Exception {
        TeamTalkClient senderPc = clients.login("user31", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient senderPhone = clients.login("user31", 2, ClientType.CLIENT_TYPE_IOS);
        TeamTalkClient receiver = clients.login("user32", 1, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(31, 2);
        cluster.awaitConnections(32, 1);

        IMMsgDataAck ack = senderPc.sendText(32, "to all my devices");

        IMMsgData copy = senderPhone.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT);
        assertThat(copy.getFromUserId()).isEqualTo(31);
        assertThat(copy.getToSessionId()).isEqualTo(32);
        assertThat(copy.getMsgId()).isEqualTo(ack.getMsgId());
        receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, WAIT);
        assertThat(senderPc.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void msgIdsIncreasePerConversationWhicheverSideSends() {
        TeamTalkClient alice = clients.login("user41", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient bob = clients.login("user42", 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient carol = clients.login("user43", 2, ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(alice.sendText(42, "1").getMsgId()).isEqualTo(1);
        assertThat(alice.sendText(42, "2").getMsgId()).isEqualTo(2);
        assertThat(bob.sendText(41, "3").getMsgId()).isEqualTo(3);
        assertThat(alice.sendText(43, "other conversation").getMsgId()).isEqualTo(1);
        assertThat(carol.isOpen()).isTrue();
    }

    @Test
    void aMessageToAnOfflineUserIsAcknowledgedAndDeliveredToNoOne() {
        TeamTalkClient sender = clients.login("user51", 0, ClientType.CLIENT_TYPE_WINDOWS);

        IMMsgDataAck ack = sender.sendText(52, "you are offline");

        assertThat(ack.getMsgId()).isEqualTo(1);
        assertThat(sender.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, Duration.ofMillis(500))).isEmpty();
    }

    private static IMMsgData text(int claimedSender, int to, String text) {
        return IMMsgData.newBuilder()
                .setFromUserId(claimedSender)
                .setToSessionId(to)
                .setMsgId(0)
                .setCreateTime(1)
                .setMsgType(MsgType.MSG_TYPE_SINGLE_TEXT)
                .setMsgData(ByteString.copyFrom(TeamTalkCipher.encrypt(text)))
                .build();
    }
}
