package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.gateway.session.Session;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.count;
import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading (user12, a socket with a tiny receive buffer that is never read) is closed as a slow
 * consumer, by the hard limit or after staying unwritable, while user11 on the same gateway keeps receiving. Small
 * limits: water marks 16/64 KiB, hard limit 512 KiB, unwritable for 2 s.
 */
class SlowConsumerTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MESSAGE_BYTES = 32 * 1024;
    private static final String CLOSED = "im.gateway.connections.closed";
    private static final String DROPPED = "im.gateway.writes.dropped";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("switchboard.gateway.write-buffer-low-water-mark", () -> "16KB");
        registry.add("switchboard.gateway.write-buffer-high-water-mark", () -> "64KB");
        registry.add("switchboard.gateway.write-buffer-limit", () -> "512KB");
        registry.add("switchboard.gateway.slow-consumer-timeout", () -> "2s");
    }

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private GatewayProperties properties;
    private RawClient user11;
    private RawClient slowUser12;
    private DeliveryPusher pusher;

    @BeforeEach
    void logInBothUsers() {
        pusher = new DeliveryPusher(properties.id());
        user11 = logIn(USER11_CONNECTION);
        slowUser12 = logInNotReading(USER12_CONNECTION, 4096);
        await().atMost(WAIT).until(() -> newestSession(12).isPresent());
    }

    @AfterEach
    void close() {
        pusher.close();
    }

    @Test
    void aClientThatStopsReadingIsClosedAtTheHardLimitWhileOthersKeepReceiving() {
        Session slow = newestSession(12).orElseThrow();
        Session healthy = newestSession(11).orElseThrow();
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
        Session slow = newestSession(12).orElseThrow();
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
}
