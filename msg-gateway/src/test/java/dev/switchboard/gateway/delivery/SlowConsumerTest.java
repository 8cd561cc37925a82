package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.GatewayApplication;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.store.UserDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.count;
import static dev.switchboard.gateway.GatewayTestSupport.golden;
import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading (user12, a socket with a tiny receive buffer that is never read) is closed as a slow
 * consumer, by the hard limit or after staying unwritable, while user11 on the same gateway keeps receiving. Small
 * limits: water marks 16/64 KiB, hard limit 512 KiB, unwritable for 2 s.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class SlowConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MESSAGE_BYTES = 32 * 1024;
    private static final String CLOSED = "im.gateway.connections.closed";
    private static final String DROPPED = "im.gateway.writes.dropped";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestSupport.gatewayProperties(registry);
        registry.add("switchboard.gateway.write-buffer-low-water-mark", () -> "16KB");
        registry.add("switchboard.gateway.write-buffer-high-water-mark", () -> "64KB");
        registry.add("switchboard.gateway.write-buffer-limit", () -> "512KB");
        registry.add("switchboard.gateway.slow-consumer-timeout", () -> "2s");
    }

    @Autowired
    private GatewayServer server;
    @Autowired
    private UserDirectory directory;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private GatewayProperties properties;
    @Autowired
    private SessionRegistry sessions;
    private RawClient user11;
    private RawClient slowUser12;
    private DeliveryPusher pusher;

    @BeforeEach
    void logIn() {
        GatewayTestSupport.seedGoldenUsers(directory);
        pusher = new DeliveryPusher(properties.id());
        GoldenFrame login11 = golden(USER11_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE);
        user11 = RawClient.connect(server.port());
        user11.send(login11.frame());
        user11.await(CID_LOGIN_RES_USERLOGIN_VALUE, login11.seq());
        slowUser12 = RawClient.connectNotReading(server.port(), 4096);
        slowUser12.send(golden(USER12_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE).frame());
        await().atMost(WAIT).until(() -> newest(12) != null);
    }

    @AfterEach
    void close() {
        pusher.close();
        user11.close();
        slowUser12.close();
    }

    @Test
    void aClientThatStopsReadingIsClosedAtTheHardLimitWhileOthersKeepReceiving() {
        Session slow = newest(12);
        Session healthy = newest(11);
        double closedBefore = count(meters, CLOSED, "reason", "slow_consumer");
        double droppedBefore = count(meters, DROPPED, "reason", "slow_consumer");

        // 6 MiB to the client that does not read, 20 messages to the one that does, interleaved
        for (int msgId = 1; msgId <= 200; msgId++) {
            pusher.deliver(slow, msgId, MESSAGE_BYTES);
            if (msgId % 10 == 0) {
                pusher.deliver(healthy, msgId, 100);
            }
        }
        pusher.flush();

        await().atMost(WAIT).until(() -> count(meters, CLOSED, "reason", "slow_consumer") == closedBefore + 1);
        assertThat(count(meters, DROPPED, "reason", "slow_consumer")).isGreaterThan(droppedBefore);
        await().atMost(WAIT).until(() -> receivedMsgIds(user11).size() == 20);
        slowUser12.startReading();
        await().atMost(WAIT).until(slowUser12::closedByPeer);
        assertThat(user11.closedByPeer()).isFalse();
    }

    @Test
    void aClientThatStaysUnwritableIsClosedAfterTheTimeoutWithoutReachingTheLimit() {
        Session slow = newest(12);
        double closedBefore = count(meters, CLOSED, "reason", "slow_consumer");
        double droppedBefore = count(meters, DROPPED, "reason", "slow_consumer");
        double deliveredBefore = count(meters, "im.gateway.deliveries", "result", "ok");

        // 128 KiB at a time until more than the high water mark (64 KiB) waits in the gateway: well under 512 KiB
        int msgId = 0;
        while (slow.open() && slow.queuedBytes() <= 64 * 1024) {
            for (int i = 0; i < 4; i++) {
                pusher.deliver(slow, ++msgId, MESSAGE_BYTES);
            }
            pusher.flush();
            int sent = msgId;
            await().atMost(WAIT).until(() -> !slow.open()
                    || count(meters, "im.gateway.deliveries", "result", "ok") == deliveredBefore + sent);
        }

        await().atMost(WAIT).until(() -> count(meters, CLOSED, "reason", "slow_consumer") == closedBefore + 1);
        assertThat(count(meters, DROPPED, "reason", "slow_consumer")).isEqualTo(droppedBefore);
        slowUser12.startReading();
        await().atMost(WAIT).until(slowUser12::closedByPeer);
    }

    private Set<Integer> receivedMsgIds(RawClient client) {
        Set<Integer> ids = new HashSet<>();
        client.all(pdu -> pdu.commandId() == CID_MSG_DATA_VALUE).forEach(pdu -> {
            try {
                ids.add(com.mogujie.tt.protobuf.IMMessage.IMMsgData.parseFrom(pdu.body()).getMsgId());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        });
        return ids;
    }

    /** The newest open logged-in connection of the user; an earlier test's may not be unregistered yet. */
    private Session newest(long userId) {
        return sessions.all().stream().filter(session -> session.userId() == userId && session.open())
                .max(Comparator.comparingLong(Session::connectionId)).orElse(null);
    }
}
