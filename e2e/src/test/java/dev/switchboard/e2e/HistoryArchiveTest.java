package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListRsp;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.database.Conversations;
import dev.switchboard.database.MessageArchive;
import dev.switchboard.embedded.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.time.Duration;
import java.util.List;

import static dev.switchboard.e2e.TestClients.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every message a client sends over a real socket lands in PostgreSQL's message table, once, holding exactly the
 * MsgInfo bytes a history request answers with. Users 185-189.
 */
class HistoryArchiveTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
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

    private static List<MsgInfo> messageList(TeamTalkClient client, SessionType type, int peer) {
        IMGetMsgListRsp answer = ask(client, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_LIST_REQUEST_VALUE,
                IMGetMsgListReq.newBuilder().setUserId(client.userId()).setSessionType(type).setSessionId(peer)
                        .setMsgIdBegin(0).setMsgCnt(100).build(),
                MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE, IMGetMsgListRsp.parser());
        return answer.getMsgListList();
    }
}
