package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMBuddy.IMPCLoginStatusNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMUserStatNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatReq;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatRsp;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.DevicePolicy;
import dev.switchboard.store.GatewayInfo;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status queries (0x020a) and status notices (0x0203 to PC clients, 0x020e to the user's mobile clients) in the
 * default TeamTalk status mode, as clients see them. Users 130-149.
 */
class StatusTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void usersStatAnswersFromPresenceWithTheRequestSeqCountingOnlyPcConnections() throws Exception {
        clients.login("user130", 0, ClientType.CLIENT_TYPE_WINDOWS);
        clients.login("user131", 1, ClientType.CLIENT_TYPE_ANDROID);
        TeamTalkClient asking = clients.login("user134", 2, ClientType.CLIENT_TYPE_MAC);
        cluster.awaitConnections(130, 1);
        cluster.awaitConnections(131, 1);

        Pdu answer = asking.request(ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_REQUEST_VALUE, IMUsersStatReq.newBuilder()
                        .setUserId(999).addUserIdList(130).addUserIdList(131).addUserIdList(132).addUserIdList(130)
                        .build()).get(10, TimeUnit.SECONDS);

        assertThat(answer.commandId()).isEqualTo(BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_RESPONSE_VALUE);
        assertThat(answer.serviceId()).isEqualTo(ServiceID.SID_BUDDY_LIST_VALUE);
        IMUsersStatRsp response = IMUsersStatRsp.parseFrom(answer.body());
        assertThat(response.getUserId()).isEqualTo(134);
        assertThat(response.getUserStatListList()).containsExactly(
                stat(130, UserStatType.USER_STATUS_ONLINE),
                stat(131, UserStatType.USER_STATUS_OFFLINE),
                stat(132, UserStatType.USER_STATUS_OFFLINE),
                stat(130, UserStatType.USER_STATUS_ONLINE));
        assertThat(response.hasAttachData()).isFalse();
    }

    @Test
    void pcClientsOnOtherGatewaysSeeAPcLogInAndOutButNotAMobile() {
        TeamTalkClient observer = clients.login("user135", 1, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(135, 1);
        TeamTalkClient phone = clients.login("user136", 0, ClientType.CLIENT_TYPE_IOS);
        cluster.awaitConnections(136, 1);
        phone.close();
        cluster.awaitConnections(136, 0);

        // the PC chooses LEAVE, which tells its notice apart from any the mobile might have caused before it
        TeamTalkClient pc = clients.connect(2);
        assertThat(pc.login("user136", "123456", ClientType.CLIENT_TYPE_WINDOWS, UserStatType.USER_STATUS_LEAVE)
                .getResultCode().getNumber()).isZero();

        assertThat(awaitStatus(observer, 136)).contains(UserStatType.USER_STATUS_LEAVE);
        assertThat(awaitStatus(pc, 136)).as("the user's own PC hears it too").contains(UserStatType.USER_STATUS_LEAVE);
        pc.close();
        assertThat(awaitStatus(observer, 136)).contains(UserStatType.USER_STATUS_OFFLINE);
    }

    @Test
    void aMobileIsToldWhenItsPcLogsInAndOut() throws Exception {
        TeamTalkClient phone = clients.login("user137", 0, ClientType.CLIENT_TYPE_ANDROID);
        cluster.awaitConnections(137, 1);

        TeamTalkClient pc = clients.login("user137", 1, ClientType.CLIENT_TYPE_WINDOWS);
        Pdu notice = phone.awaitIncoming(BuddyListCmdID.CID_BUDDY_LIST_PC_LOGIN_STATUS_NOTIFY_VALUE, WAIT);
        pc.close();
        IMPCLoginStatusNotify offline = phone.awaitIncoming(
                BuddyListCmdID.CID_BUDDY_LIST_PC_LOGIN_STATUS_NOTIFY_VALUE, IMPCLoginStatusNotify.parser(), WAIT);

        assertThat(notice.serviceId()).isEqualTo(ServiceID.SID_BUDDY_LIST_VALUE);
        assertThat(notice.seq()).isZero();
        IMPCLoginStatusNotify online = IMPCLoginStatusNotify.parseFrom(notice.body());
        assertThat(online.getUserId()).isEqualTo(137);
        assertThat(online.getLoginStat()).isEqualTo(UserStatType.USER_STATUS_ONLINE);
        assertThat(offline.getLoginStat()).isEqualTo(UserStatType.USER_STATUS_OFFLINE);
        assertThat(phone.pollIncoming(BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE, Duration.ZERO))
                .as("mobile clients never get 0x0203").isEmpty();
    }

    @Test
    void theUsersOfAGatewayWhoseLeaseExpiresAreAnnouncedOffline() {
        TeamTalkClient observer = clients.login("user140", 0, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(140, 1);
        // a gateway that registers, records a PC user, then stops renewing its lease
        PresenceStore store = cluster.presence.getBean(PresenceStore.class);
        long now = System.currentTimeMillis();
        store.renew(new GatewayInfo("gw-lost", "127.0.0.1", "127.0.0.1", 1, 1, 10, now + 1000))
                .toCompletableFuture().join();
        store.online(new PresenceEntry(141, "gw-lost", 1, 0x01, 1, now), DevicePolicy.TEAMTALK)
                .toCompletableFuture().join();

        assertThat(awaitStatus(observer, 141)).contains(UserStatType.USER_STATUS_OFFLINE);
        assertThat(cluster.connections(141)).isEmpty();
    }

    /** The status in the next 0x0203 about {@code userId}; notices about other users are skipped. */
    static Optional<UserStatType> awaitStatus(TeamTalkClient client, int userId) {
        return client.pollIncoming(BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE, IMUserStatNotify.parser(),
                notify -> notify.getUserStat().getUserId() == userId, WAIT).map(n -> n.getUserStat().getStatus());
    }

    private static UserStat stat(int userId, UserStatType status) {
        return UserStat.newBuilder().setUserId(userId).setStatus(status).build();
    }
}
