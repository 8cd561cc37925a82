package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.DepartInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserInfo;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserReq;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMChangeAvatarReq;
import com.mogujie.tt.protobuf.IMBuddy.IMChangeAvatarRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMChangeSignInfoReq;
import com.mogujie.tt.protobuf.IMBuddy.IMChangeSignInfoRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMDepartmentReq;
import com.mogujie.tt.protobuf.IMBuddy.IMDepartmentRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMSignInfoChangedNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersInfoReq;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersInfoRsp;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.UserDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The directory as TeamTalk clients see it over real sockets: incremental all-user and department sync, users info,
 * sign info with its broadcast notify, avatar. Users 250-299.
 */
class DirectoryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void incrementalAllUsersListsOnlyUsersChangedAfterTheGivenTime() {
        TeamTalkClient watcher = clients.login("user250", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient changer = clients.login("user251", 1, ClientType.CLIENT_TYPE_WINDOWS);
        awaitSecondAfterUpdateOf(252);

        IMAllUserRsp everyone = allUsers(watcher, 0);
        assertThat(everyone.getUserId()).isEqualTo(250);
        assertThat(everyone.getUserListList()).extracting(UserInfo::getUserId).contains(1, 250, 252, 400);
        UserInfo user252 = find(everyone, 252);
        assertThat(user252.getUserNickName()).isEqualTo("nick252");
        assertThat(user252.getDepartmentId()).isEqualTo(1);
        assertThat(user252.getStatus()).isZero();
        assertThat(everyone.getLatestUpdateTime()).isPositive();

        IMChangeSignInfoRsp changed = request(changer, BuddyListCmdID.CID_BUDDY_LIST_CHANGE_SIGN_INFO_REQUEST_VALUE,
                IMChangeSignInfoReq.newBuilder().setUserId(251).setSignInfo("changed after T").build(),
                IMChangeSignInfoRsp.parser());
        assertThat(changed.getResultCode()).isZero();

        IMAllUserRsp since = allUsers(watcher, everyone.getLatestUpdateTime());
        assertThat(since.getUserListList()).extracting(UserInfo::getUserId).contains(251).doesNotContain(252, 250);
        assertThat(find(since, 251).getSignInfo()).isEqualTo("changed after T");
        assertThat(since.getLatestUpdateTime()).isGreaterThanOrEqualTo(everyone.getLatestUpdateTime());
    }

    @Test
    void usersInfoAnswersTheKnownIdsInRequestOrder() {
        TeamTalkClient client = clients.login("user253", 2, ClientType.CLIENT_TYPE_ANDROID);

        IMUsersInfoRsp info = request(client, BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_REQUEST_VALUE,
                IMUsersInfoReq.newBuilder().setUserId(1).addUserIdList(255).addUserIdList(99_999)
                        .addUserIdList(254).addUserIdList(255).build(), IMUsersInfoRsp.parser());

        assertThat(info.getUserId()).as("the authenticated user").isEqualTo(253);
        assertThat(info.getUserInfoListList()).extracting(UserInfo::getUserId).containsExactly(255, 254);
        UserInfo user255 = info.getUserInfoList(0);
        assertThat(user255.getUserNickName()).isEqualTo("nick255");
        assertThat(user255.getUserDomain()).isEqualTo("user255");
        assertThat(user255.getEmail()).isEqualTo("user255@example.com");
        assertThat(user255.getDepartmentId()).isEqualTo(1);
    }

    @Test
    void departmentsIncludeTheDemoDepartmentAndNothingWhenNothingChanged() {
        TeamTalkClient client = clients.login("user256", 0, ClientType.CLIENT_TYPE_MAC);

        IMDepartmentRsp all = departments(client, 0);
        IMDepartmentRsp none = departments(client, all.getLatestUpdateTime());

        assertThat(all.getUserId()).isEqualTo(256);
        assertThat(all.getDeptListList()).extracting(DepartInfo::getDeptId, DepartInfo::getDeptName)
                .contains(tuple(1, "Demo"));
        assertThat(none.getDeptListList()).extracting(DepartInfo::getDeptId).doesNotContain(1);
        assertThat(none.getLatestUpdateTime()).isEqualTo(all.getLatestUpdateTime());
    }

    @Test
    void signInfoChangeAnswersTheRequesterAndNotifiesEveryOtherConnectionOnEveryGateway() {
        TeamTalkClient requester = clients.login("user257", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient requesterPhone = clients.login("user257", 2, ClientType.CLIENT_TYPE_IOS);
        TeamTalkClient other = clients.login("user258", 1, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(257, 2);
        cluster.awaitConnections(258, 1);

        IMChangeSignInfoRsp answer = request(requester,
                BuddyListCmdID.CID_BUDDY_LIST_CHANGE_SIGN_INFO_REQUEST_VALUE,
                IMChangeSignInfoReq.newBuilder().setUserId(999).setSignInfo("in a meeting").build(),
                IMChangeSignInfoRsp.parser());

        assertThat(answer.getUserId()).isEqualTo(257);
        assertThat(answer.getResultCode()).isZero();
        assertThat(answer.getSignInfo()).isEqualTo("in a meeting");
        for (TeamTalkClient receiver : List.of(other, requesterPhone)) {
            Pdu notice = awaitSignInfoNotice(receiver, 257);
            assertThat(notice.seq()).isZero();
            assertThat(parse(notice, IMSignInfoChangedNotify.parser()).getSignInfo()).isEqualTo("in a meeting");
        }
        assertNoSignInfoNotice(requester, 257);
    }

    @Test
    void anOverLongSignInfoIsRefusedWithResultOneAndNotifiesNoOne() {
        TeamTalkClient requester = clients.login("user259", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient other = clients.login("user260", 1, ClientType.CLIENT_TYPE_WINDOWS);

        IMChangeSignInfoRsp answer = request(requester,
                BuddyListCmdID.CID_BUDDY_LIST_CHANGE_SIGN_INFO_REQUEST_VALUE,
                IMChangeSignInfoReq.newBuilder().setUserId(259).setSignInfo("x".repeat(1000)).build(),
                IMChangeSignInfoRsp.parser());

        assertThat(answer.getResultCode()).isEqualTo(1);
        assertNoSignInfoNotice(other, 259);
    }

    @Test
    void anAvatarChangeIsAnsweredAndSeenByOtherClientsIncrementalSync() {
        TeamTalkClient changer = clients.login("user261", 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient watcher = clients.login("user262", 2, ClientType.CLIENT_TYPE_ANDROID);
        int before = allUsers(watcher, 0).getLatestUpdateTime();

        IMChangeAvatarRsp answer = request(changer, BuddyListCmdID.CID_BUDDY_LIST_CHANGE_AVATAR_REQUEST_VALUE,
                IMChangeAvatarReq.newBuilder().setUserId(1).setAvatarUrl("http://img.example/261.png").build(),
                IMChangeAvatarRsp.parser());
        IMChangeAvatarRsp tooLong = request(changer, BuddyListCmdID.CID_BUDDY_LIST_CHANGE_AVATAR_REQUEST_VALUE,
                IMChangeAvatarReq.newBuilder().setUserId(261).setAvatarUrl("h".repeat(300)).build(),
                IMChangeAvatarRsp.parser());

        assertThat(answer.getUserId()).isEqualTo(261);
        assertThat(answer.getResultCode()).isZero();
        assertThat(tooLong.getResultCode()).isEqualTo(1);
        assertThat(find(allUsers(watcher, before), 261).getAvatarUrl()).isEqualTo("http://img.example/261.png");
    }

    /** The first sign-info notice about the user (notices about other users, from earlier tests, are skipped). */
    private static Pdu awaitSignInfoNotice(TeamTalkClient client, int changedUserId) {
        while (true) {
            Pdu notice = client.awaitIncoming(BuddyListCmdID.CID_BUDDY_LIST_SIGN_INFO_CHANGED_NOTIFY_VALUE, WAIT);
            if (parse(notice, IMSignInfoChangedNotify.parser()).getChangedUserId() == changedUserId) {
                return notice;
            }
        }
    }

    private static void assertNoSignInfoNotice(TeamTalkClient client, int changedUserId) {
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> client.incoming().stream()
                .filter(pdu -> pdu.commandId() == BuddyListCmdID.CID_BUDDY_LIST_SIGN_INFO_CHANGED_NOTIFY_VALUE)
                .noneMatch(pdu -> parse(pdu, IMSignInfoChangedNotify.parser()).getChangedUserId() == changedUserId));
    }

    /** Waits until the clock is past the second after the user's last update, so "changed after T" is clear-cut. */
    private void awaitSecondAfterUpdateOf(long userId) {
        long updated = cluster.presence.getBean(UserDirectory.class).findById(userId).toCompletableFuture().join()
                .orElseThrow().updatedAt();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() / 1000 > updated + 1);
    }

    static IMDepartmentRsp departments(TeamTalkClient client, int since) {
        return request(client, BuddyListCmdID.CID_BUDDY_LIST_DEPARTMENT_REQUEST_VALUE,
                IMDepartmentReq.newBuilder().setUserId(0).setLatestUpdateTime(since).build(),
                IMDepartmentRsp.parser());
    }

    static IMAllUserRsp allUsers(TeamTalkClient client, int since) {
        return request(client, BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_REQUEST_VALUE,
                IMAllUserReq.newBuilder().setUserId(0).setLatestUpdateTime(since).build(), IMAllUserRsp.parser());
    }

    static UserInfo find(IMAllUserRsp users, int userId) {
        return users.getUserListList().stream().filter(user -> user.getUserId() == userId).findFirst()
                .orElseThrow(() -> new AssertionError("user " + userId + " not listed"));
    }

    /** A buddy-list request answered by the next command id. */
    static <T extends MessageLite> T request(TeamTalkClient client, int commandId, MessageLite body, Parser<T> parser) {
        return TestClients.ask(client, ServiceID.SID_BUDDY_LIST_VALUE, commandId, body, commandId + 1, parser);
    }

    private static <T extends MessageLite> T parse(Pdu pdu, Parser<T> parser) {
        try {
            return parser.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
