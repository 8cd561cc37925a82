package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.UnreadInfo;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.client.MsgServerLocator;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.store.GatewayInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A gateway stopped gracefully drains, observed as clients and operators see it: the port refuses new connections at
 * once, the login API hands out other gateways, readiness answers OUT_OF_SERVICE, the clients are closed spread over
 * the drain period while the lease keeps them online, and no acknowledged message is lost, whichever way it travels.
 * Users 370-381. Bounds are generous: a slow machine delays the drain, it cannot hurry it.
 */
class DrainTest {

    private static final int DRAINED_CLIENTS = 10;
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int RECIPIENT = 380;
    private static final int SENDER = 381;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void aStoppedGatewayClosesItsClientsOverTheDrainPeriodAndLosesNoAcknowledgedMessage() throws Exception {
        ConfigurableApplicationContext gateway = cluster.startGateway("gw-drain", Map.of(
                "switchboard.gateway.drain-period", DRAIN.toMillis() + "ms",
                "switchboard.gateway.lease-duration", LEASE.toMillis() + "ms",
                // shorter than the drain, which runs on the closing thread: this bound cannot cut it
                "spring.lifecycle.timeout-per-shutdown-phase", "1s",
                "spring.main.web-application-type", "servlet", "server.port", "0"));
        int port = gateway.getBean(GatewayServer.class).port();
        int healthPort = Integer.parseInt(gateway.getEnvironment().getRequiredProperty("local.server.port"));
        List<TeamTalkClient> drained = new ArrayList<>();
        List<CompletableFuture<Long>> closedAt = new ArrayList<>();
        for (int i = 0; i < DRAINED_CLIENTS; i++) {
            TeamTalkClient client = clients.connectToPort(port);
            TestClients.assertLogsIn(client, "user" + (370 + i), ClientType.CLIENT_TYPE_WINDOWS);
            drained.add(client);
            closedAt.add(client.closed().thenApply(closed -> System.nanoTime()));
        }
        TeamTalkClient recipient = clients.login(RECIPIENT, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient sender = clients.login(SENDER, 1, ClientType.CLIENT_TYPE_WINDOWS);
        loadTheOtherGateways(DRAINED_CLIENTS + 2);
        await().atMost(WAIT).until(() -> loginApiPort() == port);
        assertProbe(healthPort, "readiness", 200, "UP");
        IMMsgDataAck before = drained.get(0).sendText(RECIPIENT, "acked just before the stop");

        long stoppedAt = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(gateway::close);

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThatThrownBy(() -> connect(port))
                .as("new connections are refused").isInstanceOf(ConnectException.class));
        await().atMost(Duration.ofSeconds(2)).until(() -> loginApiPort() != port);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(
                () -> assertProbe(healthPort, "readiness", 503, "OUT_OF_SERVICE"));
        assertProbe(healthPort, "liveness", 200, "UP");

        // while draining, open clients still send (acknowledged: they must arrive) and receive (or pull after)
        List<CompletableFuture<IMMsgDataAck>> sentDuringDrain = new ArrayList<>();
        for (int i = 0; i < DRAINED_CLIENTS; i++) {
            sentDuringDrain.add(drained.get(i).isOpen()
                    ? drained.get(i).sendTextAsync(RECIPIENT, "sent while draining by " + (370 + i))
                    : CompletableFuture.failedFuture(new IllegalStateException("closed")));
            sender.sendText(370 + i, "to drained " + (370 + i));
        }

        // the lease outlives the drain: well past its duration the gateway is live while it still holds clients
        await().atMost(WAIT).until(() -> System.nanoTime() - stoppedAt >= LEASE.toNanos() * 3 / 2);
        boolean live = liveGatewayIds().contains("gw-drain");
        long open = drained.stream().filter(TeamTalkClient::isOpen).count();
        assertThat(live || open == 0).as("gw-drain live while %d clients remain", open).isTrue();
        assertThat(loginApiPort()).as("the login API during the drain").isNotEqualTo(port);

        CompletableFuture.allOf(closedAt.toArray(CompletableFuture[]::new))
                .get(DRAIN.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        List<Long> closes = closedAt.stream().map(close -> close.join() - stoppedAt).sorted().toList();
        System.out.printf("DrainTest: clients closed at %s ms after the stop%n",
                closes.stream().map(nanos -> nanos / 1_000_000).toList());
        long quarter = DRAIN.toNanos() / 4;
        assertThat(closes.stream().filter(at -> at < quarter).count()).as("closed in the first quarter")
                .isLessThanOrEqualTo(DRAINED_CLIENTS / 2);
        assertThat(closes.get(closes.size() - 1) - closes.get(0)).as("spread").isGreaterThan(DRAIN.toNanos() / 2);
        assertThat(closes.get(closes.size() - 1)).as("all closed within the drain period (and a margin)")
                .isLessThan(DRAIN.plusSeconds(3).toNanos());
        stopped.get(30, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !liveGatewayIds().contains("gw-drain"));

        Set<String> acked = new HashSet<>(Set.of(370 + "/" + before.getMsgId()));
        for (int i = 0; i < DRAINED_CLIENTS; i++) {
            IMMsgDataAck ack = sentDuringDrain.get(i).exceptionally(error -> null).join();
            if (ack != null) {
                acked.add((370 + i) + "/" + ack.getMsgId());
            }
        }
        System.out.printf("DrainTest: %d messages acknowledged to clients of the draining gateway%n", acked.size());
        assertThat(received(recipient, acked)).as("every acknowledged message reached its recipient")
                .containsAll(acked);
        for (int i = 0; i < DRAINED_CLIENTS; i++) {
            assertFindsUnreadAfterReconnecting(370 + i);
        }
    }

    /** Each drained user asks the login API, logs in where it says and finds what was sent to it as unread. */
    private void assertFindsUnreadAfterReconnecting(int userId) throws IOException {
        int port = new MsgServerLocator(URI.create("http://127.0.0.1:" + cluster.httpPort()), WAIT).locate().port();
        TeamTalkClient client = clients.connectToPort(port);
        TestClients.assertLogsIn(client, "user" + userId, ClientType.CLIENT_TYPE_WINDOWS);
        UnreadInfo fromSender = await().atMost(WAIT).until(() -> OfflineSyncTest.unread(client)
                .getUnreadinfoListList().stream().filter(info -> info.getSessionId() == SENDER).findFirst()
                .orElse(null), info -> info != null);
        assertThat(fromSender.getUnreadCnt()).isEqualTo(1);
        assertThat(OfflineSyncTest.text(fromSender.getLatestMsgData().toByteArray()))
                .isEqualTo("to drained " + userId);
    }

    /** The "{fromUserId}/{msgId}" of the messages the recipient receives, until it has {@code expected}. */
    private static Set<String> received(TeamTalkClient recipient, Set<String> expected) {
        Set<String> received = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!received.containsAll(expected) && System.nanoTime() < deadline) {
            recipient.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), data -> true,
                            Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
                    .ifPresent(data -> received.add(data.getFromUserId() + "/" + data.getMsgId()));
        }
        return received;
    }

    /** Connections not logged in count as load too: enough on each cluster gateway to make gw-drain the least loaded. */
    private void loadTheOtherGateways(int connectionsEach) {
        for (int gateway = 0; gateway < Cluster.GATEWAYS; gateway++) {
            for (int i = 0; i < connectionsEach; i++) {
                clients.connect(gateway);
            }
        }
    }

    private int loginApiPort() throws IOException {
        return new MsgServerLocator(URI.create("http://127.0.0.1:" + cluster.httpPort()), WAIT).locate().port();
    }

    private List<String> liveGatewayIds() {
        return cluster.presenceReader().liveGateways(System.currentTimeMillis()).toCompletableFuture().join()
                .stream().map(GatewayInfo::gatewayId).toList();
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }

    private static void assertProbe(int port, String probe, int status, String health) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/" + probe)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(probe).isEqualTo(status);
        assertThat(response.body()).as(probe).contains("\"status\":\"" + health + "\"");
    }
}
