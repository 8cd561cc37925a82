package dev.switchboard.e2e;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListRsp;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.e2e.TestClients.ask;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's resend of a message is acknowledged with the original msg_id and neither stored nor delivered twice:
 * on the same connection with the same seq, and from anywhere with the same create_time and content within the
 * dedup window (users 360-389).
 */
class DuplicateSendTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofSeconds(1);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void theSameSeqResentOnTheSameConnectionGetsTheOriginalMsgIdAndIsStoredAndDeliveredOnce() throws Exception {
        TeamTalkClient sender = clients.login("user360", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient receiver = clients.login("user361", 1, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(361, 1);
        IMMsgData message = text(361, 1_750_000_000, "retry on the same socket");

        // the second copy usually arrives while the first is still being published
        sender.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 7001, message)).get(10,
                TimeUnit.SECONDS);
        sender.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 7001, message)).get(10,
                TimeUnit.SECONDS);
        IMMsgDataAck first = sender.awaitIncoming(MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser(), WAIT);
        IMMsgDataAck second = sender.awaitIncoming(MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser(), WAIT);
        // a retry after the ack, restamped with a new create time: still the same message (same seq, same content)
        sender.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 7001,
                message.toBuilder().setCreateTime(1_750_000_005).build())).get(10, TimeUnit.SECONDS);
        IMMsgDataAck third = sender.awaitIncoming(MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser(), WAIT);

        assertThat(List.of(first.getMsgId(), second.getMsgId(), third.getMsgId())).containsOnly(1);
        assertReceivedOnce(receiver, 1, "retry on the same socket");
        assertThat(history(receiver, 360)).containsExactly(1);
    }

    @Test
    void aResendAfterReconnectingToAnotherGatewayGetsTheOriginalMsgIdAndIsSeenOnce() {
        TeamTalkClient receiver = clients.login("user363", 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient before = clients.login("user362", 0, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(363, 1);
        IMMsgData message = text(363, 1_750_000_100, "sent before my network dropped");

        int original = ask(before, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, message,
                MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser()).getMsgId();
        before.close();
        TeamTalkClient after = clients.login("user362", 2, ClientType.CLIENT_TYPE_WINDOWS);
        int resent = ask(after, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, message,
                MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser()).getMsgId();

        assertThat(resent).isEqualTo(original).isEqualTo(1);
        assertReceivedOnce(receiver, 1, "sent before my network dropped");
        assertThat(history(receiver, 362)).containsExactly(1);
        assertThat(after.sendText(363, "a new message").getMsgId()).as("no msg_id spent on the copy").isEqualTo(2);
    }

    @Test
    void copiesSentAtOnceFromTwoGatewaysAreOneMessage() {
        TeamTalkClient receiver = clients.login("user365", 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient pc = clients.login("user364", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient phone = clients.login("user364", 2, ClientType.CLIENT_TYPE_ANDROID);
        cluster.awaitConnections(365, 1);
        IMMsgData message = text(365, 1_750_000_200, "sent twice at once");

        var fromPc = pc.request(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, message);
        var fromPhone = phone.request(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, message);

        assertThat(msgId(fromPc.join())).isEqualTo(msgId(fromPhone.join())).isEqualTo(1);
        assertReceivedOnce(receiver, 1, "sent twice at once");
        assertThat(history(receiver, 364)).containsExactly(1);
    }

    @Test
    void theSameTextWithAnotherCreateTimeIsANewMessage() {
        TeamTalkClient sender = clients.login("user366", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient receiver = clients.login("user367", 1, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(367, 1);

        int first = ask(sender, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE,
                text(367, 1_750_000_300, "ok"), MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser()).getMsgId();
        int second = ask(sender, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE,
                text(367, 1_750_000_301, "ok"), MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser()).getMsgId();

        assertThat(List.of(first, second)).containsExactly(1, 2);
        assertThat(receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT).getMsgId())
                .isEqualTo(1);
        assertThat(receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT).getMsgId())
                .isEqualTo(2);
        assertThat(history(receiver, 366)).containsExactly(2, 1);
    }

    @Test
    void aGroupMessageResentFromAnotherGatewayGetsTheOriginalMsgId() throws Exception {
        TeamTalkClient sender = clients.login("user368", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient member = clients.login("user369", 1, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(369, 1);
        int group = GroupCalls.createTmp(sender, "resends", List.of(369));
        IMMsgData message = text(group, 1_750_000_400, "to the group, twice").toBuilder()
                .setMsgType(MsgType.MSG_TYPE_GROUP_TEXT).build();

        int original = ask(sender, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, message,
                MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser()).getMsgId();
        TeamTalkClient elsewhere = clients.login("user368", 2, ClientType.CLIENT_TYPE_IOS);
        int resent = ask(elsewhere, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, message,
                MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser()).getMsgId();

        assertThat(resent).isEqualTo(original).isEqualTo(1);
        assertReceivedOnce(member, 1, "to the group, twice");
        assertThat(sender.sendGroupTextAsync(group, "next").get(10, TimeUnit.SECONDS).getMsgId()).isEqualTo(2);
    }

    private static void assertReceivedOnce(TeamTalkClient receiver, int msgId, String text) {
        IMMsgData received = receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT);
        assertThat(received.getMsgId()).isEqualTo(msgId);
        assertThat(TeamTalkCipher.decrypt(received.getMsgData().toByteArray())).contains(text);
        assertThat(receiver.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, QUIET)).as("a second copy").isEmpty();
    }

    /** The msg_ids of the user's 1:1 conversation with {@code peer}, newest first. */
    private static List<Integer> history(TeamTalkClient client, int peer) {
        IMGetMsgListRsp list = ask(client, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_LIST_REQUEST_VALUE,
                IMGetMsgListReq.newBuilder().setUserId(client.userId()).setSessionType(SessionType.SESSION_TYPE_SINGLE)
                        .setSessionId(peer).setMsgIdBegin(0).setMsgCnt(10).build(),
                MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE, IMGetMsgListRsp.parser());
        return list.getMsgListList().stream().map(info -> info.getMsgId()).toList();
    }

    private static int msgId(Pdu ack) {
        try {
            assertThat(ack.commandId()).isEqualTo(MessageCmdID.CID_MSG_DATA_ACK_VALUE);
            return IMMsgDataAck.parseFrom(ack.body()).getMsgId();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static IMMsgData text(int to, int createTime, String text) {
        return IMMsgData.newBuilder()
                .setFromUserId(0)
                .setToSessionId(to)
                .setMsgId(0)
                .setCreateTime(createTime)
                .setMsgType(MsgType.MSG_TYPE_SINGLE_TEXT)
                .setMsgData(ByteString.copyFrom(TeamTalkCipher.encrypt(text)))
                .build();
    }
}
