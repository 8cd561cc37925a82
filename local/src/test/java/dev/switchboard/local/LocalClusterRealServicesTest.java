package dev.switchboard.local;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.client.MsgServerAddress;
import dev.switchboard.client.MsgServerLocator;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.embedded.FreePorts;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./switchboard local} end to end with the real service jars: two TeamTalk clients on different gateways chat
 * over real sockets, then everything stops and frees its ports.
 *
 * <p>The jars are the ones the reactor built, {@code <repository>/<module>/target/*-exec.jar} (this module depends on
 * the service modules, so {@code ./mvnw verify} packages them first). A missing jar fails the test: it does not skip.
 * The cluster's home is {@code target/real-services-home} with links to those jars, so its logs
 * ({@code target/real-services-home/.switchboard/logs}) never overwrite those of a {@code ./switchboard local} running
 * from the repository at the same time, and stay there for a look when the test fails.
 */
class LocalClusterRealServicesTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path HOME = Path.of("target", "real-services-home").toAbsolutePath();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ATTEMPT_WAIT = Duration.ofSeconds(2);
    private static final int SENDER = 1;
    private static final int RECEIVER = 2;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void twoClientsChatAcrossGatewaysOfRealServices() throws Exception {
        linkServiceJars();
        int kafkaPort = FreePorts.next();
        int redisPort = freePortOtherThan(kafkaPort);
        // gateways p, p+1 (metrics +1000), login HTTP p+2 (route metrics +100); below the ephemeral range of the
        // Kafka and Redis ports
        int gatewayPort = FreePorts.base(2, 2, 102, 1000);
        int httpPort = gatewayPort + 2;
        LocalOptions options = new LocalOptions(2, gatewayPort, httpPort, kafkaPort, redisPort, 10, HOME,
                STARTUP_TIMEOUT, false);

        Map<String, Long> pids;
        try (LocalCluster cluster = LocalCluster.start(options)) {
            pids = cluster.pids();
            assertThat(pids).containsOnlyKeys("gw-0", "gw-1", "presence-service", "route-service");
            assertThat(cluster.gatewayPorts()).containsExactly(gatewayPort, gatewayPort + 1);

            MsgServerAddress address = new MsgServerLocator(URI.create("http://127.0.0.1:" + cluster.httpPort()),
                    Duration.ofSeconds(5)).locate();
            assertThat(address.port()).as("/msg_server names a gateway").isIn(cluster.gatewayPorts());

            try (TeamTalkClient sender = login("user" + SENDER, cluster.gatewayPorts().get(0));
                 TeamTalkClient receiver = login("user" + RECEIVER, cluster.gatewayPorts().get(1))) {
                chat(sender, receiver);
            }
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(pids.values())
                .allSatisfy(pid -> assertThat(isAlive(pid)).as("pid %d still alive", pid).isFalse()));
        List<Integer> ports = new ArrayList<>(options.gatewayPorts());
        ports.addAll(List.of(httpPort, kafkaPort, redisPort));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(ports)
                .allSatisfy(port -> assertThat(PortCheck.isFree(port)).as("port %d free", port).isTrue()));
    }

    /**
     * user1 sends until user2 receives: right after login, presence-service may not know yet (the event goes through
     * Kafka) where user2 is connected, and a message to a user it does not know is stored, not delivered. Each attempt
     * has its own text, so the message that arrives tells which attempt it belongs to.
     */
    private static void chat(TeamTalkClient sender, TeamTalkClient receiver) {
        Map<String, IMMsgDataAck> sent = new LinkedHashMap<>();
        AtomicInteger attempt = new AtomicInteger();
        IMMsgData received = await().atMost(DELIVERY_TIMEOUT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    String text = "hello user2, attempt " + attempt.incrementAndGet();
                    sent.put(text, sender.sendText(RECEIVER, text));
                    return receiver.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, ATTEMPT_WAIT)
                            .map(LocalClusterRealServicesTest::parse);
                }, Optional::isPresent)
                .orElseThrow();

        Optional<String> text = TeamTalkCipher.decrypt(received.getMsgData().toByteArray());
        assertThat(text).as("decrypted text, sent so far: %s", sent.keySet()).isPresent();
        assertThat(sent).as("the attempts").containsKey(text.get());
        assertThat(received.getFromUserId()).isEqualTo(SENDER);
        assertThat(received.getToSessionId()).isEqualTo(RECEIVER);
        assertThat(received.getMsgId()).as("msg_id of %s", text.get()).isEqualTo(sent.get(text.get()).getMsgId());
    }

    private static IMMsgData parse(Pdu pdu) {
        try {
            return IMMsgData.parser().parseFrom(pdu.body());
        } catch (IOException e) {
            throw new AssertionError("not an IMMsgData: " + pdu, e);
        }
    }

    private static TeamTalkClient login(String user, int port) {
        TeamTalkClient client = TeamTalkClient.connect("127.0.0.1", port);
        try {
            IMLoginRes response = client.login(user, "123456", ClientType.CLIENT_TYPE_WINDOWS);
            assertThat(response.getResultCode().getNumber()).as("login result of %s: %s", user, response).isZero();
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /**
     * Links (or, where links are not allowed, copies) each service's jar from the repository into {@link #HOME}.
     * Fails, saying how to build them, when a jar is missing: this test must not pass without running the services.
     */
    private static void linkServiceJars() throws IOException {
        assertThat(REPOSITORY.resolve("local").resolve("pom.xml"))
                .as("repository root of module dir %s", Path.of("").toAbsolutePath()).isRegularFile();
        Map<String, Path> jars;
        try {
            jars = ServiceJars.findAll(REPOSITORY, ServicePlan.MODULES);
        } catch (StartupException e) {
            throw new AssertionError("the real service jars are needed: " + e.getMessage()
                    + " (./mvnw -B verify from the repository root builds them before this module's tests)", e);
        }
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            Path target = Files.createDirectories(HOME.resolve(jar.getKey()).resolve("target"));
            try (var old = Files.newDirectoryStream(target, ServiceJars.GLOB)) {
                for (Path stale : old) {
                    Files.delete(stale);
                }
            }
            Path link = target.resolve(jar.getValue().getFileName());
            try {
                Files.createSymbolicLink(link, jar.getValue());
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(jar.getValue(), link, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static int freePortOtherThan(int... taken) {
        for (int tries = 0; tries < 100; tries++) {
            int port = FreePorts.next();
            if (!contains(taken, port)) {
                return port;
            }
        }
        throw new AssertionError("no free port found");
    }

    private static boolean contains(int[] ports, int port) {
        for (int taken : ports) {
            if (taken == port) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
