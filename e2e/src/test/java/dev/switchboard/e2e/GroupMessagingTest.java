package dev.switchboard.e2e;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ContactSessionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionStatusType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UnreadInfo;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionReq;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionRsp;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadAck;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Target;
import dev.switchboard.store.MessageStore;
import dev.switchboard.store.RecentSession;
import dev.switchboard.store.RedisKeys;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.switchboard.e2e.OfflineSyncTest.sessions;
import static dev.switchboard.e2e.OfflineSyncTest.unread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Group messages between TeamTalk clients over real sockets, through Kafka and Redis. Users 223-239. */
class GroupMessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void reachesEveryMemberConnectionOnceWithOneRecordPerGatewayButNotTheSendingConnection() throws Exception {
        TeamTalkClient sender = clients.login(223, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient senderPhone = clients.login(223, 1, ClientType.CLIENT_TYPE_IOS);
        TeamTalkClient onGw0 = clients.login(224, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient onGw1 = clients.login(225, 1, ClientType.CLIENT_TYPE_MAC);
        TeamTalkClient onGw2 = clients.login(226, 2, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient phoneOnGw2 = clients.login(227, 2, ClientType.CLIENT_TYPE_ANDROID);
        cluster.awaitConnections(223, 2);
        List.of(224, 225, 226, 227).forEach(id -> cluster.awaitConnections(id, 1));
        int group = GroupCalls.createTmp(sender, "everywhere", List.of(224, 225, 226, 227, 228));
        List<TeamTalkClient> receivers = List.of(senderPhone, onGw0, onGw1, onGw2, phoneOnGw2);

        try (DeliveryRecords records = new DeliveryRecords(cluster.kafkaBootstrap())) {
            Map<Integer, Long> mark = records.mark();
            Pdu ackPdu = sender.request(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE,
                    groupText(group, "hello all")).get(10, TimeUnit.SECONDS);

            IMMsgDataAck ack = IMMsgDataAck.parseFrom(ackPdu.body());
            assertThat(ackPdu.commandId()).isEqualTo(MessageCmdID.CID_MSG_DATA_ACK_VALUE);
            assertThat(ack).isEqualTo(IMMsgDataAck.newBuilder().setUserId(223).setSessionId(group).setMsgId(1)
                    .setSessionType(SessionType.SESSION_TYPE_GROUP).build());
            for (TeamTalkClient receiver : receivers) {
                Pdu delivered = receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, WAIT);
                IMMsgData message = IMMsgData.parseFrom(delivered.body());
                assertThat(delivered.seq()).isZero();
                assertThat(message.getFromUserId()).isEqualTo(223);
                assertThat(message.getToSessionId()).isEqualTo(group);
                assertThat(message.getMsgId()).isEqualTo(1);
                assertThat(message.getMsgType()).isEqualTo(MsgType.MSG_TYPE_GROUP_TEXT);
                assertThat(TeamTalkCipher.decrypt(message.getMsgData().toByteArray())).contains("hello all");
            }

            Map<Integer, List<Delivery>> deliveries = records.since(mark);
            assertThat(targets(deliveries.get(0), group)).as("gw-0").containsExactly(List.of(224));
            assertThat(targets(deliveries.get(1), group)).as("gw-1").containsExactly(List.of(223, 225));
            assertThat(targets(deliveries.get(2), group)).as("gw-2").containsExactly(List.of(226, 227));
        }
        for (TeamTalkClient receiver : receivers) {
            assertThat(receiver.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, QUIET)).as("once: " + receiver)
                    .isEmpty();
        }
        assertThat(sender.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, QUIET)).isEmpty();
    }

    @Test
    void aNonMembersMessageGetsNoAckAndReachesNoOne() throws Exception {
        TeamTalkClient outsider = clients.login(229, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient creator = clients.login(230, 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient member = clients.login(231, 2, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(231, 1);
        int group = GroupCalls.createTmp(creator, "closed", List.of(231));

        CompletableFuture<IMMsgDataAck> refused = outsider.sendGroupTextAsync(group, "let me in");
        assertThatThrownBy(() -> refused.get(QUIET.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(TimeoutException.class);
        assertThat(creator.sendGroupTextAsync(group, "members only").get(10, TimeUnit.SECONDS).getMsgId())
                .as("the outsider used no msg_id").isEqualTo(1);

        IMMsgData received = member.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT);
        assertThat(received.getFromUserId()).isEqualTo(230);
        assertThat(member.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, QUIET)).isEmpty();
        assertThat(creator.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, QUIET)).isEmpty();
    }

    @Test
    void msgIdsIncreasePerGroupWhoeverSendsAndShieldedMembersStillReceive() throws Exception {
        TeamTalkClient alice = clients.login(232, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient bob = clients.login(233, 1, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(233, 1);
        int group = GroupCalls.createTmp(alice, "counting", List.of(233));
        int otherGroup = GroupCalls.createTmp(alice, "other", List.of(236));
        assertThat(GroupCalls.shield(bob, group, 1).getResultCode()).isZero();

        assertThat(alice.sendGroupTextAsync(group, "one").get(10, TimeUnit.SECONDS).getMsgId()).isEqualTo(1);
        assertThat(bob.sendGroupTextAsync(group, "two").get(10, TimeUnit.SECONDS).getMsgId()).isEqualTo(2);
        assertThat(alice.sendGroupTextAsync(group, "three").get(10, TimeUnit.SECONDS).getMsgId()).isEqualTo(3);
        assertThat(alice.sendGroupTextAsync(otherGroup, "first").get(10, TimeUnit.SECONDS).getMsgId())
                .isEqualTo(1);

        assertThat(bob.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT).getMsgId())
                .as("shielded, still delivered").isEqualTo(1);
        assertThat(bob.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT).getMsgId())
                .isEqualTo(3);
        assertThat(alice.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT).getMsgId())
                .isEqualTo(2);
    }

    @Test
    void anOfflineMemberFindsTheMessagesInHistoryAndUnread() throws Exception {
        TeamTalkClient sender = clients.login(234, 0, ClientType.CLIENT_TYPE_WINDOWS);
        int group = GroupCalls.createTmp(sender, "later", List.of(235));
        String session = RedisKeys.sessionField(2, group);

        sender.sendGroupTextAsync(group, "are you there?").get(10, TimeUnit.SECONDS);
        sender.sendGroupTextAsync(group, "hello?").get(10, TimeUnit.SECONDS);

        MessageStore messages = cluster.presence.getBean(MessageStore.class);
        await().atMost(WAIT).until(() -> messages.unread(235).toCompletableFuture().join().get(session),
                count -> count != null && count == 2);
        assertThat(messages.unread(234).toCompletableFuture().join()).doesNotContainKey(session);
        RedisKeys keys = cluster.presence.getBean(RedisKeys.class);
        StatefulRedisConnection<String, byte[]> redis = redisBytes();
        MsgInfo first = MsgInfo.parseFrom(redis.sync().hget(keys.groupHistory(group), "1"));
        assertThat(first.getFromSessionId()).isEqualTo(234);
        assertThat(first.getMsgType()).isEqualTo(MsgType.MSG_TYPE_GROUP_TEXT);
        assertThat(TeamTalkCipher.decrypt(first.getMsgData().toByteArray())).contains("are you there?");
        assertThat(messages.recentSessions(235, 0, 100).toCompletableFuture().join())
                .extracting(RecentSession::field).contains(session);
        assertThat(messages.recentSessions(234, 0, 100).toCompletableFuture().join())
                .extracting(RecentSession::field).contains(session);
    }

    @Test
    void aGroupConversationInUnreadAndSessionsFromReadingToRemovalToANewMember() throws Exception {
        TeamTalkClient sender = clients.login(237, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient reader = clients.login(238, 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient joiner = clients.login(239, 2, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(238, 1);
        int group = GroupCalls.createTmp(sender, "counted", List.of(238));
        sender.sendGroupTextAsync(group, "one").get(10, TimeUnit.SECONDS);
        sender.sendGroupTextAsync(group, "two").get(10, TimeUnit.SECONDS);

        UnreadInfo unread = await().atMost(WAIT).until(() -> unread(reader), rsp -> rsp.getTotalCnt() == 2)
                .getUnreadinfoList(0);
        assertThat(unread.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_GROUP);
        assertThat(unread.getSessionId()).isEqualTo(group);
        assertThat(unread.getLatestMsgId()).isEqualTo(2);
        assertThat(unread.getLatestMsgFromUserId()).isEqualTo(237);
        assertThat(unread(sender).getUnreadinfoListList()).as("the sender's own messages").isEmpty();
        ContactSessionInfo session = sessions(reader, 0).getContactSessionList(0);
        assertThat(session.getSessionId()).isEqualTo(group);
        assertThat(session.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_GROUP);
        assertThat(session.getLatestMsgId()).isEqualTo(2);
        assertThat(sessions(sender, 0).getContactSessionListList()).extracting(ContactSessionInfo::getSessionId)
                .containsExactly(group);

        reader.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_READ_ACK_VALUE, 5, IMMsgDataReadAck
                .newBuilder().setUserId(999).setSessionId(group).setMsgId(2)
                .setSessionType(SessionType.SESSION_TYPE_GROUP).build())).join();
        await().atMost(WAIT).until(() -> unread(reader).getTotalCnt() == 0);
        sender.sendGroupTextAsync(group, "three").get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> unread(reader).getTotalCnt() == 1);

        IMRemoveSessionRsp removed = TestClients.ask(reader, ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_REQ_VALUE, IMRemoveSessionReq.newBuilder()
                        .setUserId(999).setSessionType(SessionType.SESSION_TYPE_GROUP).setSessionId(group).build(),
                BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_RES_VALUE, IMRemoveSessionRsp.parser());
        assertThat(removed.getResultCode()).isZero();
        await().atMost(WAIT).until(() -> sessions(reader, 0).getContactSessionListCount() == 0);
        assertThat(unread(reader).getTotalCnt()).as("its unread messages went with it").isZero();
        ContactSessionInfo tombstone = sessions(reader, session.getUpdatedTime() - 1).getContactSessionList(0);
        assertThat(tombstone.getSessionId()).isEqualTo(group);
        assertThat(tombstone.getSessionStatus()).isEqualTo(SessionStatusType.SESSION_STATUS_DELETE);
        assertThat(sessions(sender, 0).getContactSessionListList()).as("removed for the reader only")
                .extracting(ContactSessionInfo::getSessionId).containsExactly(group);

        assertThat(GroupCalls.change(sender, GroupModifyType.GROUP_MODIFY_TYPE_ADD, group, List.of(239))
                .getResultCode()).isZero();
        assertThat(unread(joiner).getUnreadinfoListList()).as("nothing unread from before joining").isEmpty();
        sender.sendGroupTextAsync(group, "four").get(10, TimeUnit.SECONDS);

        ContactSessionInfo back = await().atMost(WAIT).until(() -> sessions(reader, 0),
                rsp -> rsp.getContactSessionListCount() == 1).getContactSessionList(0);
        assertThat(back.getSessionStatus()).isEqualTo(SessionStatusType.SESSION_STATUS_OK);
        assertThat(back.getLatestMsgId()).isEqualTo(4);
        assertThat(unread(reader).getTotalCnt()).isEqualTo(1);
        assertThat(unread(joiner).getUnreadinfoListList())
                .extracting(UnreadInfo::getSessionId, UnreadInfo::getUnreadCnt).containsExactly(tuple(group, 1));
    }

    /** The target user ids of each delivery of the group's message 1, one list per record. */
    private static List<List<Integer>> targets(List<Delivery> deliveries, int group) {
        return deliveries.stream()
                .filter(delivery -> delivery.getFrame().getCommandId() == MessageCmdID.CID_MSG_DATA_VALUE)
                .filter(delivery -> message(delivery).getToSessionId() == group)
                .peek(delivery -> assertThat(delivery.getMsgId()).isEqualTo(1))
                .peek(delivery -> assertThat(delivery.getTargetsList()).extracting(Target::getPeerId)
                        .containsOnly(group))
                .map(delivery -> delivery.getTargetsList().stream().map(Target::getUserId).sorted().toList())
                .toList();
    }

    private static IMMsgData message(Delivery delivery) {
        try {
            return IMMsgData.parseFrom(delivery.getFrame().getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private StatefulRedisConnection<String, byte[]> redisBytes() {
        return cluster.presence.getBean("switchboardRedisBytes", StatefulRedisConnection.class);
    }

    private static IMMsgData groupText(int group, String text) {
        return IMMsgData.newBuilder().setFromUserId(999).setToSessionId(group).setMsgId(0).setCreateTime(1)
                .setMsgType(MsgType.MSG_TYPE_GROUP_TEXT)
                .setMsgData(ByteString.copyFrom(TeamTalkCipher.encrypt(text))).build();
    }
}
