package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgByIdReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgByIdRsp;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListRsp;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.database.Conversations;
import dev.switchboard.database.MessageArchive;
import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static dev.switchboard.e2e.TestClients.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every message a client sends over a real socket lands in PostgreSQL's message table, once, holding exactly the
 * MsgInfo bytes a history request answers with; Redis keeps each conversation's newest
 * {@value Cluster#HISTORY_CACHE} and history reads go on into PostgreSQL below them. Users 185-189.
 */
class HistoryArchiveTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Between two messages of one connection: under the gateway's 20 messages per second. */
    private static final Duration RATE_LIMIT_PAUSE = Duration.ofMillis(60);
    @RegisterExtension
    final TestClients clients = new TestClients(Cluster.get());
    private final MessageArchive archive = new MessageArchive(JdbcClient.create(new SimpleDriverDataSource(
            new org.postgresql.Driver(), SharedInfrastructure.postgres().jdbcUrl(),
            SharedInfrastructure.postgres().user(), "")));

    @Test
    void everySentMessageIsArchivedOnceWithTheBytesHistoryAnswersWith() {
        TeamTalkClient alice = clients.login("user185", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient bob = clients.login("user186", 1, ClientType.CLIENT_TYPE_ANDROID);
        for (int i = 1; i <= 5; i++) {
            assertThat(alice.sendText(186, "alice to bob " + i).getMsgId()).isEqualTo(i);
        }
        for (int i = 6; i <= 8; i++) {
            assertThat(bob.sendText(185, "bob to alice " + i).getMsgId()).isEqualTo(i);
        }
        int group = GroupCalls.createTmp(alice, "archived", List.of(185, 186, 187));
        alice.sendGroupTextAsync(group, "to the group 1").join();
        bob.sendGroupTextAsync(group, "to the group 2").join();

        String single = Conversations.single(185, 186);
        String groupConversation = Conversations.group(group);
        await().atMost(WAIT).until(() -> archive.page(single, 0, 100).size() == 8
                && archive.page(groupConversation, 0, 100).size() == 2);

        List<MsgInfo> answered = messageList(bob, SessionType.SESSION_TYPE_SINGLE, 185);
        assertThat(answered).extracting(MsgInfo::getMsgId).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(archive.page(single, 0, 100)).zipSatisfy(answered,
                (archived, info) -> assertThat(archived).isEqualTo(info.toByteArray()));

        List<MsgInfo> groupAnswered = messageList(alice, SessionType.SESSION_TYPE_GROUP, group);
        assertThat(groupAnswered).extracting(MsgInfo::getFromSessionId).containsExactly(186, 185);
        assertThat(archive.page(groupConversation, 0, 100)).zipSatisfy(groupAnswered,
                (archived, info) -> assertThat(archived).isEqualTo(info.toByteArray()));
        assertThat(archive.latestMsgId(single)).isEqualTo(8);
    }

    @Test
    void historyReadsAnswerTheSameBytesFromTheCacheAndFromPostgresql() throws InterruptedException {
        TeamTalkClient carol = clients.login("user188", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient dave = clients.login("user189", 2, ClientType.CLIENT_TYPE_MAC);
        int total = Cluster.HISTORY_CACHE * 2 + 5;
        for (int i = 1; i <= total; i++) {
            assertThat((i % 3 == 0 ? dave.sendText(188, "d" + i) : carol.sendText(189, "c" + i)).getMsgId())
                    .isEqualTo(i);
            Thread.sleep(RATE_LIMIT_PAUSE.toMillis());
        }
        String conversation = Conversations.single(188, 189);
        await().atMost(WAIT).until(() -> archive.page(conversation, 0, 100).size() == total);
        MessageStore cacheAlone = Cluster.get().route.getBean(MessageStore.class);
        await().atMost(WAIT).until(() -> cacheAlone.messages(188, 1, 189, 0, 100).toCompletableFuture().join().size()
                == Cluster.HISTORY_CACHE);
        List<byte[]> archived = archive.page(conversation, 0, 100);
        double coldReadsBefore = coldReads();

        List<MsgInfo> everything = messageList(dave, SessionType.SESSION_TYPE_SINGLE, 188, 0, total);
        assertThat(everything).extracting(MsgInfo::getMsgId)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, total).map(i -> total + 1 - i).boxed().toList());
        assertThat(bytes(everything)).zipSatisfy(archived,
                (answered, stored) -> assertThat(answered).isEqualTo(stored));

        int begin = total - Cluster.HISTORY_CACHE + 5;
        List<MsgInfo> across = messageList(carol, SessionType.SESSION_TYPE_SINGLE, 189, begin, 10);
        assertThat(across).extracting(MsgInfo::getMsgId)
                .containsExactlyElementsOf(IntStream.range(0, 10).map(i -> begin - i).boxed().toList());
        assertThat(bytes(across)).zipSatisfy(archived.subList(total - begin, total - begin + 10),
                (answered, stored) -> assertThat(answered).isEqualTo(stored));

        IMGetMsgByIdRsp byId = ask(carol, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_GET_BY_MSG_ID_REQ_VALUE,
                IMGetMsgByIdReq.newBuilder().setUserId(188).setSessionType(SessionType.SESSION_TYPE_SINGLE)
                        .setSessionId(189).addMsgIdList(total).addMsgIdList(1).addMsgIdList(total - 1).build(),
                MessageCmdID.CID_MSG_GET_BY_MSG_ID_RES_VALUE, IMGetMsgByIdRsp.parser());
        assertThat(byId.getMsgListList()).extracting(MsgInfo::getMsgId).containsExactly(total, 1, total - 1);
        assertThat(byId.getMsgList(1).toByteArray()).isEqualTo(archived.get(total - 1));
        assertThat(coldReads() - coldReadsBefore).as("reads that went on into PostgreSQL")
                .isGreaterThanOrEqualTo(3);
    }

    /** History reads the gateways sent to PostgreSQL beyond Redis's cache, and PostgreSQL answered. */
    private static double coldReads() {
        return Cluster.get().gateways.stream().mapToDouble(gateway -> gateway.getBean(MeterRegistry.class)
                .get("im.gateway.history.cold.reads").tag("result", "ok").counter().count()).sum();
    }

    private static List<byte[]> bytes(List<MsgInfo> messages) {
        return messages.stream().map(MsgInfo::toByteArray).toList();
    }

    private static List<MsgInfo> messageList(TeamTalkClient client, SessionType type, int peer, int begin, int count) {
        IMGetMsgListRsp answer = ask(client, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_LIST_REQUEST_VALUE,
                IMGetMsgListReq.newBuilder().setUserId(client.userId()).setSessionType(type).setSessionId(peer)
                        .setMsgIdBegin(begin).setMsgCnt(count).build(),
                MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE, IMGetMsgListRsp.parser());
        return answer.getMsgListList();
    }

    private static List<MsgInfo> messageList(TeamTalkClient client, SessionType type, int peer) {
        IMGetMsgListRsp answer = ask(client, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_LIST_REQUEST_VALUE,
                IMGetMsgListReq.newBuilder().setUserId(client.userId()).setSessionType(type).setSessionId(peer)
                        .setMsgIdBegin(0).setMsgCnt(100).build(),
                MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE, IMGetMsgListRsp.parser());
        return answer.getMsgListList();
    }
}
