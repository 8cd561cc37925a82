package dev.switchboard.gateway.directory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.DepartmentStatusType;
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
import com.mogujie.tt.protobuf.IMBuddy.IMUsersInfoRsp;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.DepartmentRecord;
import dev.switchboard.store.DepartmentStore;
import dev.switchboard.store.UserRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_REQUEST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_CHANGE_AVATAR_REQUEST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_CHANGE_AVATAR_RESPONSE_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_CHANGE_SIGN_INFO_REQUEST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_CHANGE_SIGN_INFO_RESPONSE_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_DEPARTMENT_REQUEST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_DEPARTMENT_RESPONSE_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_REQUEST_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_RESPONSE_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.body;
import static dev.switchboard.gateway.GatewayTestSupport.golden;
import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory commands of the real gateway, driven by TeamTalk's own request frames where the golden session has
 * them: the answers decode field by field like TeamTalk's db_proxy answers did.
 */
class DirectoryCommandsTest extends GatewayIntegrationTest {

    @Autowired
    private DepartmentStore departments;

    @Test
    void answersTheGoldenUsersInfoRequestAsTeamTalkDid() throws InvalidProtocolBufferException {
        GoldenFrame request = golden(USER11_CONNECTION, false, CID_BUDDY_LIST_USER_INFO_REQUEST_VALUE);
        GoldenFrame expected = golden(USER11_CONNECTION, true, CID_BUDDY_LIST_USER_INFO_RESPONSE_VALUE);
        RawClient user11 = logIn(USER11_CONNECTION);
        user11.send(request.frame());

        Pdu response = user11.await(CID_BUDDY_LIST_USER_INFO_RESPONSE_VALUE, request.seq());

        assertThat(response.serviceId()).isEqualTo(expected.serviceId());
        IMUsersInfoRsp teamTalk = IMUsersInfoRsp.parseFrom(body(expected));
        IMUsersInfoRsp actual = IMUsersInfoRsp.parseFrom(response.body());
        assertThat(actual.getUserId()).isEqualTo(teamTalk.getUserId()).isEqualTo(11);
        assertThat(actual.getUserInfoListList()).isEqualTo(teamTalk.getUserInfoListList());
        assertThat(actual.getUserInfoList(0).getUserNickName()).isEqualTo("nick12");
        assertThat(actual).isEqualTo(teamTalk);
    }

    @Test
    void answersTheGoldenAllUsersRequestWithTheUsersFieldByFieldAsTeamTalkListedThem()
            throws InvalidProtocolBufferException {
        GoldenFrame request = golden(USER12_CONNECTION, false, CID_BUDDY_LIST_ALL_USER_REQUEST_VALUE);
        GoldenFrame expected = golden(USER12_CONNECTION, true, CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE);
        RawClient user12 = logIn(USER12_CONNECTION);
        user12.send(request.frame());

        Pdu response = user12.await(CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE, request.seq());

        assertThat(response.serviceId()).isEqualTo(expected.serviceId()).isEqualTo(ServiceID.SID_BUDDY_LIST_VALUE);
        IMAllUserRsp teamTalk = IMAllUserRsp.parseFrom(body(expected));
        IMAllUserRsp actual = IMAllUserRsp.parseFrom(response.body());
        assertThat(actual.getUserId()).isEqualTo(teamTalk.getUserId()).isEqualTo(12);
        assertThat(teamTalk.getUserListCount()).isEqualTo(200);
        Map<Integer, UserInfo> teamTalkUsers = teamTalk.getUserListList().stream()
                .collect(Collectors.toMap(UserInfo::getUserId, Function.identity()));
        assertThat(actual.getUserListList()).extracting(UserInfo::getUserId).contains(11, 12);
        assertThat(actual.getUserListList()).filteredOn(user -> user.getUserId() <= 200).allSatisfy(user ->
                assertThat(user).isEqualTo(teamTalkUsers.get(user.getUserId())));
        assertThat(actual.getLatestUpdateTime()).isGreaterThanOrEqualTo(1_700_000_000);
        assertThat(teamTalk.getLatestUpdateTime()).isPositive();
    }

    @Test
    void listsOnlyUsersChangedAfterTheRequestedTimeIncludingDisabledOnes() throws InvalidProtocolBufferException {
        directory.save(new UserRecord(5013, "user5013", "nick5013", 0, "", 1, "", "user5013", "", "", 1, "", null,
                1_700_000_100L)).toCompletableFuture().join();
        RawClient user12 = logIn(USER12_CONNECTION);
        user12.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, CID_BUDDY_LIST_ALL_USER_REQUEST_VALUE, 77,
                IMAllUserReq.newBuilder().setUserId(0).setLatestUpdateTime(1_700_000_000).build()));

        IMAllUserRsp changed = IMAllUserRsp.parseFrom(
                user12.await(CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE, 77).body());

        assertThat(changed.getUserListList()).extracting(UserInfo::getUserId).containsExactly(5013);
        assertThat(changed.getUserList(0).getStatus()).isEqualTo(1);
        assertThat(changed.getLatestUpdateTime()).isEqualTo(1_700_000_100);
    }

    @Test
    void answersDepartmentsIncrementally() throws InvalidProtocolBufferException {
        departments.save(new DepartmentRecord(1, "Demo", 0, 0, 0, 1_700_000_000L)).toCompletableFuture().join();
        departments.save(new DepartmentRecord(2, "Gone", 3, 1, 1, 1_700_000_050L)).toCompletableFuture().join();
        RawClient user11 = logIn(USER11_CONNECTION);
        user11.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, CID_BUDDY_LIST_DEPARTMENT_REQUEST_VALUE, 5,
                IMDepartmentReq.newBuilder().setUserId(99).setLatestUpdateTime(0).build()));
        user11.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, CID_BUDDY_LIST_DEPARTMENT_REQUEST_VALUE, 6,
                IMDepartmentReq.newBuilder().setUserId(99).setLatestUpdateTime(1_700_000_000).build()));

        IMDepartmentRsp all = IMDepartmentRsp.parseFrom(
                user11.await(CID_BUDDY_LIST_DEPARTMENT_RESPONSE_VALUE, 5).body());
        IMDepartmentRsp changed = IMDepartmentRsp.parseFrom(
                user11.await(CID_BUDDY_LIST_DEPARTMENT_RESPONSE_VALUE, 6).body());

        assertThat(all.getUserId()).as("the authenticated user, not the claimed one").isEqualTo(11);
        assertThat(all.getDeptListList()).extracting(d -> d.getDeptName()).containsExactly("Demo", "Gone");
        assertThat(all.getLatestUpdateTime()).isEqualTo(1_700_000_050);
        assertThat(changed.getDeptListList()).singleElement().satisfies(d -> {
            assertThat(d.getDeptId()).isEqualTo(2);
            assertThat(d.getPriority()).isEqualTo(3);
            assertThat(d.getParentDeptId()).isEqualTo(1);
            assertThat(d.getDeptStatus()).isEqualTo(DepartmentStatusType.DEPT_STATUS_DELETE);
        });
    }

    @Test
    void storesSignInfoAndAvatarAndRefusesOverLongValuesWithResultOne() throws InvalidProtocolBufferException {
        RawClient user11 = logIn(USER11_CONNECTION);
        user11.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, CID_BUDDY_LIST_CHANGE_SIGN_INFO_REQUEST_VALUE, 8,
                IMChangeSignInfoReq.newBuilder().setUserId(12).setSignInfo("out to lunch").build()));
        user11.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, CID_BUDDY_LIST_CHANGE_SIGN_INFO_REQUEST_VALUE, 9,
                IMChangeSignInfoReq.newBuilder().setUserId(11).setSignInfo("x".repeat(257)).build()));
        user11.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, CID_BUDDY_LIST_CHANGE_AVATAR_REQUEST_VALUE, 10,
                IMChangeAvatarReq.newBuilder().setUserId(11).setAvatarUrl("http://a/11.png").build()));
        user11.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, CID_BUDDY_LIST_CHANGE_AVATAR_REQUEST_VALUE, 11,
                IMChangeAvatarReq.newBuilder().setUserId(11).setAvatarUrl("h".repeat(256)).build()));

        IMChangeSignInfoRsp signed = IMChangeSignInfoRsp.parseFrom(
                user11.await(CID_BUDDY_LIST_CHANGE_SIGN_INFO_RESPONSE_VALUE, 8).body());
        IMChangeSignInfoRsp tooLong = IMChangeSignInfoRsp.parseFrom(
                user11.await(CID_BUDDY_LIST_CHANGE_SIGN_INFO_RESPONSE_VALUE, 9).body());
        IMChangeAvatarRsp avatar = IMChangeAvatarRsp.parseFrom(
                user11.await(CID_BUDDY_LIST_CHANGE_AVATAR_RESPONSE_VALUE, 10).body());
        IMChangeAvatarRsp avatarTooLong = IMChangeAvatarRsp.parseFrom(
                user11.await(CID_BUDDY_LIST_CHANGE_AVATAR_RESPONSE_VALUE, 11).body());

        assertThat(signed.getUserId()).isEqualTo(11);
        assertThat(signed.getResultCode()).isZero();
        assertThat(signed.getSignInfo()).isEqualTo("out to lunch");
        assertThat(tooLong.getResultCode()).isEqualTo(1);
        assertThat(avatar.getUserId()).isEqualTo(11);
        assertThat(avatar.getResultCode()).isZero();
        assertThat(avatarTooLong.getResultCode()).isEqualTo(1);
        UserRecord stored = directory.findById(11).toCompletableFuture().join().orElseThrow();
        assertThat(stored.signInfo()).isEqualTo("out to lunch");
        assertThat(stored.avatarUrl()).isEqualTo("http://a/11.png");
        assertThat(stored.updatedAt()).isGreaterThan(1_700_000_000L);
        assertThat(directory.findById(12).toCompletableFuture().join().orElseThrow().signInfo()).isEmpty();
    }
}
