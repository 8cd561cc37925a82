package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.presence.lease.GatewayRelease;
import dev.switchboard.store.DevicePolicy;
import dev.switchboard.store.GatewayInfo;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence resynchronisation with what gateways really hold: a gateway purged while alive comes back with its
 * connections, a gateway restarted under the same id drops its previous run's connections. Users 330-359.
 */
class ResyncTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void aGatewayPurgedWhileAliveComesBackWithItsConnectionsAndItsUsersReceiveLiveAgain() throws Exception {
        TeamTalkClient observer = clients.login("user331", 0, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(331, 1);
        TeamTalkClient purged = clients.login("user330", 1, ClientType.CLIENT_TYPE_WINDOWS);
        assertThat(StatusTest.awaitStatus(observer, 330)).as("the login").contains(UserStatType.USER_STATUS_ONLINE);

        // what presence-service does when it believes gw-1 dead (it was down, or gw-1 paused longer than its lease)
        long purgedAt = System.nanoTime();
        int released = cluster.presence.getBean(GatewayRelease.class)
                .release("gw-1", System.currentTimeMillis(), true);
        assertThat(released).isPositive();
        assertThat(StatusTest.awaitStatus(observer, 330)).contains(UserStatType.USER_STATUS_OFFLINE);

        // gw-1 renews its lease, presence asks for its snapshot, and the connection is back
        cluster.awaitConnections(330, 1);
        long healMillis = (System.nanoTime() - purgedAt) / 1_000_000;
        System.out.printf("ResyncTest: gw-1 purged while alive, user330 back in presence after %d ms%n", healMillis);
        assertThat(cluster.connections(330)).extracting(PresenceEntry::gatewayId).containsExactly("gw-1");
        assertThat(StatusTest.awaitStatus(observer, 330)).as("the heal is announced")
                .contains(UserStatType.USER_STATUS_ONLINE);

        // once presence holds the connection again, route-service delivers to it: nothing waits on a lease
        IMMsgDataAck ack = observer.sendText(330, "live again");
        Optional<IMMsgData> live = purged.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                message -> message.getMsgId() == ack.getMsgId(), Duration.ofSeconds(10));
        assertThat(live).hasValueSatisfying(message -> assertThat(message.getFromUserId()).isEqualTo(331));
    }

    @Test
    void aGatewayRestartedUnderTheSameIdDropsItsPreviousRunsConnectionsWhenItRegisters() {
        TeamTalkClient observer = clients.login("user333", 0, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(333, 1);
        // the previous run of gw-resync crashed holding user334; its lease is still valid for a minute
        PresenceStore store = cluster.presence.getBean(PresenceStore.class);
        long now = System.currentTimeMillis();
        long previousRun = now - 3_600_000;
        store.renew(new GatewayInfo("gw-resync", "127.0.0.1", "127.0.0.1", 1, 1, 10, now + 60_000), previousRun)
                .toCompletableFuture().join();
        long oldConnection = ((previousRun / 1000) << 32) | 7;
        store.online(new PresenceEntry(334, "gw-resync", oldConnection, 0x01, 1, previousRun), DevicePolicy.TEAMTALK)
                .toCompletableFuture().join();
        assertThat(cluster.connections(334)).hasSize(1);

        long startedAt = System.nanoTime();
        try (ConfigurableApplicationContext restarted = cluster.startGateway("gw-resync")) {
            assertThat(StatusTest.awaitStatus(observer, 334)).contains(UserStatType.USER_STATUS_OFFLINE);
            await().atMost(WAIT).until(() -> cluster.connections(334).isEmpty());
            System.out.printf("ResyncTest: restarted gw-resync dropped its previous run's connection %d ms after"
                    + " the restart began (context start included)%n", (System.nanoTime() - startedAt) / 1_000_000);

            TeamTalkClient fresh = clients.connectToPort(
                    restarted.getBean(dev.switchboard.gateway.server.GatewayServer.class).port());
            TestClients.assertLogsIn(fresh, "user334", ClientType.CLIENT_TYPE_WINDOWS);
            cluster.awaitConnections(334, 1);
            assertThat(cluster.connections(334)).extracting(PresenceEntry::connectionId)
                    .doesNotContain(oldConnection);
        }
    }
}
