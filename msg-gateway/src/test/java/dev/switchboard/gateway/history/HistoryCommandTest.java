package dev.switchboard.gateway.history;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.ContactSessionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionStatusType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UnreadInfo;
import com.mogujie.tt.protobuf.IMBuddy.IMRecentContactSessionRsp;
import com.mogujie.tt.protobuf.IMMessage.IMGetLatestMsgIdReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetLatestMsgIdRsp;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgByIdReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgByIdRsp;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListRsp;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMUnreadMsgCntRsp;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.MessageStore;
import dev.switchboard.store.RedisKeys;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_REQUEST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_RESPONSE_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_LIST_REQUEST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_UNREAD_CNT_REQUEST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_UNREAD_CNT_RESPONSE_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.body;
import static dev.switchboard.gateway.GatewayTestSupport.golden;
import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history reads against TeamTalk's golden session: user11's "hello user12" (msg_id 1) is in the store as
 * route-service stores it; the golden requests must get answers that decode like TeamTalk's, field by field.
 */
class HistoryCommandTest extends GatewayIntegrationTest {

    private static final int MAX_MESSAGES = 3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("switchboard.gateway.max-messages-per-request", () -> MAX_MESSAGES);
    }

    @Autowired
    private MessageStore messages;
    @Autowired
    private RedisKeys keys;
    @Autowired
    private StatefulRedisConnection<String, byte[]> switchboardRedisBytes;
    private MsgInfo hello;

    @BeforeEach
    void storeTheGoldenMessage() throws Exception {
        switchboardRedisBytes.sync().del(keys.singleHistory(11, 12), keys.singleMsgId(11, 12), keys.unread(11),
                keys.unread(12), keys.sessions(11), keys.sessions(12)); // the class shares one key prefix
        IMMsgData delivered = IMMsgData.parseFrom(body(golden(USER12_CONNECTION, true, CID_MSG_DATA_VALUE)));
        hello = MsgInfo.newBuilder().setMsgId(delivered.getMsgId()).setFromSessionId(delivered.getFromUserId())
                .setCreateTime(delivered.getCreateTime()).setMsgType(delivered.getMsgType())
                .setMsgData(delivered.getMsgData()).build();
        messages.nextSingleMsgId(11, 12).toCompletableFuture().join();
        messages.storeSingle(11, 12, 1, hello.toByteArray(), delivered.getCreateTime()).toCompletableFuture().join();
    }

    @Test
    void answersTheGoldenUnreadCountRequestAsTeamTalkDid() throws Exception {
        RawClient user11 = logIn(USER11_CONNECTION);
        GoldenFrame request = golden(USER11_CONNECTION, false, CID_MSG_UNREAD_CNT_REQUEST_VALUE);
        GoldenFrame teamTalk = golden(USER11_CONNECTION, true, CID_MSG_UNREAD_CNT_RESPONSE_VALUE);

        user11.send(request.frame());

        Pdu answer = user11.await(CID_MSG_UNREAD_CNT_RESPONSE_VALUE, request.seq());
        assertThat(answer.serviceId()).isEqualTo(teamTalk.serviceId()).isEqualTo(ServiceID.SID_MSG_VALUE);
        IMUnreadMsgCntRsp expected = IMUnreadMsgCntRsp.parseFrom(body(teamTalk));
        IMUnreadMsgCntRsp actual = IMUnreadMsgCntRsp.parseFrom(answer.body());
        assertThat(actual.getUserId()).isEqualTo(expected.getUserId()).isEqualTo(11);
        assertThat(actual.getTotalCnt()).isEqualTo(expected.getTotalCnt()).isZero();
        assertThat(actual.getUnreadinfoListList()).isEqualTo(expected.getUnreadinfoListList()).isEmpty();
        assertThat(answer.body()).isEqualTo(body(teamTalk));
    }

    @Test
    void countsTheRecipientsUnreadMessageWithTheConversationsLatestMessage() throws Exception {
        RawClient user12 = logIn(USER12_CONNECTION);
        GoldenFrame request = golden(USER12_CONNECTION, false, CID_MSG_UNREAD_CNT_REQUEST_VALUE);

        user12.send(request.frame());

        IMUnreadMsgCntRsp actual = IMUnreadMsgCntRsp.parseFrom(
                user12.await(CID_MSG_UNREAD_CNT_RESPONSE_VALUE, request.seq()).body());
        assertThat(actual.getUserId()).isEqualTo(12);
        assertThat(actual.getTotalCnt()).isEqualTo(1);
        assertThat(actual.getUnreadinfoListList()).containsExactly(UnreadInfo.newBuilder()
                .setSessionId(11).setSessionType(SessionType.SESSION_TYPE_SINGLE).setUnreadCnt(1).setLatestMsgId(1)
                .setLatestMsgData(hello.getMsgData()).setLatestMsgType(MsgType.MSG_TYPE_SINGLE_TEXT)
                .setLatestMsgFromUserId(11).build());
    }

    @Test
    void answersTheGoldenRecentSessionsRequestAsTeamTalkDid() throws Exception {
        RawClient user11 = logIn(USER11_CONNECTION);
        GoldenFrame request = golden(USER11_CONNECTION, false, CID_BUDDY_LIST_RECENT_CONTACT_SESSION_REQUEST_VALUE);
        GoldenFrame teamTalk = golden(USER11_CONNECTION, true, CID_BUDDY_LIST_RECENT_CONTACT_SESSION_RESPONSE_VALUE);

        user11.send(request.frame());

        Pdu answer = user11.await(CID_BUDDY_LIST_RECENT_CONTACT_SESSION_RESPONSE_VALUE, request.seq());
        assertThat(answer.serviceId()).isEqualTo(teamTalk.serviceId());
        IMRecentContactSessionRsp expected = IMRecentContactSessionRsp.parseFrom(body(teamTalk));
        IMRecentContactSessionRsp actual = IMRecentContactSessionRsp.parseFrom(answer.body());
        assertThat(actual.getUserId()).isEqualTo(expected.getUserId()).isEqualTo(11);
        assertThat(actual.getContactSessionListCount()).isEqualTo(expected.getContactSessionListCount()).isEqualTo(1);
        ContactSessionInfo mine = actual.getContactSessionList(0);
        ContactSessionInfo theirs = expected.getContactSessionList(0);
        assertThat(mine.getSessionId()).isEqualTo(theirs.getSessionId()).isEqualTo(12);
        assertThat(mine.getSessionType()).isEqualTo(theirs.getSessionType());
        assertThat(mine.getSessionStatus()).isEqualTo(theirs.getSessionStatus())
                .isEqualTo(SessionStatusType.SESSION_STATUS_OK);
        assertThat(mine.getUpdatedTime()).isEqualTo(hello.getCreateTime());
        assertThat(mine.getLatestMsgId()).isEqualTo(theirs.getLatestMsgId()).isEqualTo(1);
        assertThat(mine.getLatestMsgData()).isEqualTo(theirs.getLatestMsgData());
        assertThat(mine.getLatestMsgType()).isEqualTo(theirs.getLatestMsgType());
        assertThat(mine.getLatestMsgFromUserId()).as("TeamTalk names the peer").isEqualTo(theirs.getLatestMsgFromUserId())
                .isEqualTo(12);
    }

    @Test
    void answersBothGoldenMessageListRequestsAsTeamTalkDid() throws Exception {
        for (int connection : List.of(USER11_CONNECTION, USER12_CONNECTION)) {
            RawClient client = logIn(connection);
            GoldenFrame request = golden(connection, false, CID_MSG_LIST_REQUEST_VALUE);
            GoldenFrame teamTalk = golden(connection, true, CID_MSG_LIST_RESPONSE_VALUE);

            client.send(request.frame());

            Pdu answer = client.await(CID_MSG_LIST_RESPONSE_VALUE, request.seq());
            IMGetMsgListRsp expected = IMGetMsgListRsp.parseFrom(body(teamTalk));
            IMGetMsgListRsp actual = IMGetMsgListRsp.parseFrom(answer.body());
            assertThat(answer.serviceId()).isEqualTo(teamTalk.serviceId());
            assertThat(actual.getUserId()).isEqualTo(expected.getUserId());
            assertThat(actual.getSessionType()).isEqualTo(expected.getSessionType());
            assertThat(actual.getSessionId()).isEqualTo(expected.getSessionId());
            assertThat(actual.getMsgIdBegin()).isEqualTo(expected.getMsgIdBegin());
            assertThat(actual.getMsgListList()).isEqualTo(expected.getMsgListList()).containsExactly(hello);
            assertThat(answer.body()).isEqualTo(body(teamTalk));
        }
    }

    @Test
    void returnsAtMostTheConfiguredNumberOfMessagesNewestFirst() throws Exception {
        for (int id = 2; id <= 5; id++) {
            messages.nextSingleMsgId(11, 12).toCompletableFuture().join();
            messages.storeSingle(12, 11, id, hello.toBuilder().setMsgId(id).setFromSessionId(12).build().toByteArray(),
                    hello.getCreateTime() + id).toCompletableFuture().join();
        }
        RawClient user11 = logIn(USER11_CONNECTION);

        user11.send(Pdu.of(ServiceID.SID_MSG_VALUE, CID_MSG_LIST_REQUEST_VALUE, 40, listRequest(1, 12, 0, 50)));
        user11.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_GET_BY_MSG_ID_REQ_VALUE, 41,
                IMGetMsgByIdReq.newBuilder().setUserId(11).setSessionType(SessionType.SESSION_TYPE_SINGLE)
                        .setSessionId(12).addAllMsgIdList(List.of(5, 9, 1, 2, 3)).build()));

        IMGetMsgListRsp list = IMGetMsgListRsp.parseFrom(user11.await(CID_MSG_LIST_RESPONSE_VALUE, 40).body());
        assertThat(list.getMsgListList()).extracting(MsgInfo::getMsgId).containsExactly(5, 4, 3);
        IMGetMsgByIdRsp byId = IMGetMsgByIdRsp.parseFrom(
                user11.await(MessageCmdID.CID_MSG_GET_BY_MSG_ID_RES_VALUE, 41).body());
        assertThat(byId.getMsgListList()).as("the first 3 ids asked, 9 never stored")
                .extracting(MsgInfo::getMsgId).containsExactly(5, 1);
        assertThat(byId.getSessionId()).isEqualTo(12);
    }

    @Test
    void readsAGroupConversationForMembersOnly() throws Exception {
        var redis = switchboardRedisBytes.sync();
        redis.sadd(keys.groupMembers(900), "11".getBytes());
        redis.set(keys.groupMsgId(900), "1".getBytes());
        MsgInfo groupHello = hello.toBuilder().setMsgType(MsgType.MSG_TYPE_GROUP_TEXT)
                .setMsgData(ByteString.copyFromUtf8("hi group")).build();
        redis.hset(keys.groupHistory(900), "1", groupHello.toByteArray());
        RawClient user11 = logIn(USER11_CONNECTION);
        RawClient user12 = logIn(USER12_CONNECTION);

        for (RawClient client : List.of(user11, user12)) {
            int userId = client == user11 ? 11 : 12;
            client.send(Pdu.of(ServiceID.SID_MSG_VALUE, CID_MSG_LIST_REQUEST_VALUE, 50, listRequest(2, 900, 0, 10)));
            client.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_GET_LATEST_MSG_ID_REQ_VALUE, 51,
                    IMGetLatestMsgIdReq.newBuilder().setUserId(userId).setSessionType(SessionType.SESSION_TYPE_GROUP)
                            .setSessionId(900).build()));
        }

        assertThat(IMGetMsgListRsp.parseFrom(user11.await(CID_MSG_LIST_RESPONSE_VALUE, 50).body()).getMsgListList())
                .containsExactly(groupHello);
        assertThat(IMGetLatestMsgIdRsp.parseFrom(
                user11.await(MessageCmdID.CID_MSG_GET_LATEST_MSG_ID_RSP_VALUE, 51).body()).getLatestMsgId()).isEqualTo(1);
        assertThat(IMGetMsgListRsp.parseFrom(user12.await(CID_MSG_LIST_RESPONSE_VALUE, 50).body()).getMsgListList())
                .as("not a member").isEmpty();
        IMGetLatestMsgIdRsp notMember = IMGetLatestMsgIdRsp.parseFrom(
                user12.await(MessageCmdID.CID_MSG_GET_LATEST_MSG_ID_RSP_VALUE, 51).body());
        assertThat(notMember.getLatestMsgId()).isZero();
        assertThat(notMember.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_GROUP);
    }

    private static IMGetMsgListReq listRequest(int sessionType, int sessionId, int begin, int count) {
        return IMGetMsgListReq.newBuilder().setUserId(11).setSessionType(SessionType.forNumber(sessionType))
                .setSessionId(sessionId).setMsgIdBegin(begin).setMsgCnt(count).build();
    }
}
