package dev.switchboard.gateway.server;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupVersionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserInfo;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersInfoReq;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersInfoRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListRsp;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.GroupRecord;
import dev.switchboard.store.GroupStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;

import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Repeated fields over {@code max-ids-per-request} (2 here) get their defined outcome, counted: lookups answer the
 * first ones, changes are refused; and requests over {@code requests-per-second} (5 here) are dropped and counted.
 */
class RequestLimitsTest extends GatewayIntegrationTest {

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private GroupStore groups;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("switchboard.gateway.max-ids-per-request", () -> 2);
        registry.add("switchboard.gateway.requests-per-second", () -> 5);
    }

    @Test
    void aUsersInfoRequestForMoreIdsThanTheLimitIsAnsweredForTheFirstOnes() throws InvalidProtocolBufferException {
        double before = limited("0x204", "truncated");
        RawClient user11 = logIn(USER11_CONNECTION);

        user11.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_REQUEST_VALUE, 5,
                IMUsersInfoReq.newBuilder().setUserId(11).addAllUserIdList(List.of(12, 13, 11)).build()));

        IMUsersInfoRsp answer = IMUsersInfoRsp.parseFrom(
                user11.await(BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_RESPONSE_VALUE, 5).body());
        assertThat(answer.getUserInfoListList()).extracting(UserInfo::getUserId).as("11 was the third id")
                .containsExactly(12);
        assertThat(limited("0x204", "truncated")).isEqualTo(before + 1);
    }

    @Test
    void aGroupInfoRequestForMoreGroupsThanTheLimitIsAnsweredForTheFirstOnes() throws InvalidProtocolBufferException {
        List<Integer> ids = List.of(group(), group(), group());
        double before = limited("0x403", "truncated");
        RawClient user11 = logIn(USER11_CONNECTION);
        IMGroupInfoListReq.Builder request = IMGroupInfoListReq.newBuilder().setUserId(11);
        ids.forEach(id -> request.addGroupVersionList(GroupVersionInfo.newBuilder().setGroupId(id).setVersion(0)));

        user11.send(Pdu.of(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_INFO_REQUEST_VALUE, 6, request.build()));

        IMGroupInfoListRsp answer = IMGroupInfoListRsp.parseFrom(
                user11.await(GroupCmdID.CID_GROUP_INFO_RESPONSE_VALUE, 6).body());
        assertThat(answer.getGroupInfoListList()).extracting(info -> info.getGroupId())
                .containsExactly(ids.get(0), ids.get(1));
        assertThat(limited("0x403", "truncated")).isEqualTo(before + 1);
    }

    @Test
    void aMemberChangeNamingMoreUsersThanTheLimitIsRefusedAndChangesNothing() throws Exception {
        int groupId = group();
        double before = limited("0x407", "refused");
        RawClient user11 = logIn(USER11_CONNECTION);

        user11.send(Pdu.of(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_CHANGE_MEMBER_REQUEST_VALUE, 7,
                IMGroupChangeMemberReq.newBuilder().setUserId(11).setGroupId(groupId)
                        .setChangeType(GroupModifyType.GROUP_MODIFY_TYPE_DEL)
                        .addAllMemberIdList(List.of(12, 11, 13)).build()));

        IMGroupChangeMemberRsp answer = IMGroupChangeMemberRsp.parseFrom(
                user11.await(GroupCmdID.CID_GROUP_CHANGE_MEMBER_RESPONSE_VALUE, 7).body());
        assertThat(answer.getResultCode()).isEqualTo(1);
        assertThat(answer.getChgUserIdListList()).isEmpty();
        assertThat(groups.members(groupId).toCompletableFuture().join()).containsExactlyInAnyOrder(11L, 12L);
        assertThat(limited("0x407", "refused")).isEqualTo(before + 1);
    }

    @Test
    void requestsOverTheRatePerSecondAreDroppedAndCounted() {
        double before = ignored("rate_limited");
        RawClient user11 = logIn(USER11_CONNECTION);

        for (int seq = 100; seq < 110; seq++) {
            user11.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_REQUEST_VALUE,
                    seq, IMUsersInfoReq.newBuilder().setUserId(11).addUserIdList(12).build()));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> ignored("rate_limited") >= before + 1);
        user11.await(BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_RESPONSE_VALUE, 100);
        user11.assertNothingFor(Duration.ofMillis(500), pdu -> pdu.seq() == 109);
        assertThat(user11.all(pdu -> pdu.commandId() == BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_RESPONSE_VALUE))
                .hasSizeLessThan(10);
        assertThat(user11.closedByPeer()).isFalse();
    }

    /** A new temporary group of user11 and user12. */
    private int group() {
        return (int) groups.create("g", "", 11, GroupRecord.TMP, List.of(12L)).toCompletableFuture().join()
                .orElseThrow().id();
    }

    private double limited(String command, String outcome) {
        Counter counter = meters.find("im.gateway.requests.limited").tag("command", command).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double ignored(String reason) {
        Counter counter = meters.find("im.gateway.commands.ignored").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
