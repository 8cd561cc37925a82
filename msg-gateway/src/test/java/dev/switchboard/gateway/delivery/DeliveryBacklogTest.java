package dev.switchboard.gateway.delivery;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.count;
import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the bytes queued in client connections pass the pause threshold (256 KiB here), the gateway stops consuming
 * its delivery topic: user11's delivery waits in Kafka; once the slow user12 reads and the backlog drains below
 * 64 KiB, consumption resumes and user11 gets it. Nothing is dropped.
 */
class DeliveryBacklogTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MESSAGE_BYTES = 32 * 1024;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("switchboard.gateway.write-buffer-low-water-mark", () -> "16KB");
        registry.add("switchboard.gateway.write-buffer-high-water-mark", () -> "64KB");
        registry.add("switchboard.gateway.write-buffer-limit", () -> "64MB");
        registry.add("switchboard.gateway.slow-consumer-timeout", () -> "120s");
        registry.add("switchboard.gateway.delivery-backlog-pause", () -> "256KB");
        registry.add("switchboard.gateway.delivery-backlog-resume", () -> "64KB");
    }

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private GatewayProperties properties;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;
    private DeliveryPusher pusher;

    @AfterEach
    void close() {
        pusher.close();
    }

    @Test
    void pausesConsumptionWhileTheBacklogIsHighAndResumesWhenItDrains() {
        pusher = new DeliveryPusher(properties.id());
        RawClient user11 = logIn(USER11_CONNECTION);
        RawClient slowUser12 = logInNotReading(USER12_CONNECTION, 4096);
        await().atMost(WAIT).until(() -> newestSession(12).isPresent());
        Session slow = newestSession(12).orElseThrow();
        double pausesBefore = count(meters, "im.gateway.delivery.pauses", "reason", "backlog");
        double deliveredBefore = count(meters, "im.gateway.deliveries", "result", "ok");

        // 128 KiB at a time to the client that does not read, until the gateway pauses
        int msgId = 0;
        while (!paused()) {
            for (int i = 0; i < 4; i++) {
                pusher.deliver(slow, ++msgId, MESSAGE_BYTES);
            }
            pusher.flush();
            int sent = msgId;
            await().atMost(WAIT).until(() -> paused()
                    || count(meters, "im.gateway.deliveries", "result", "ok") == deliveredBefore + sent);
        }
        await().atMost(WAIT).until(() -> listeners.getListenerContainer(DeliveryListener.ID).isContainerPaused());
        assertThat(count(meters, "im.gateway.delivery.pauses", "reason", "backlog")).isEqualTo(pausesBefore + 1);
        assertThat(meters.get("im.gateway.delivery.backlog.bytes").gauge().value()).isGreaterThan(256 * 1024);

        pusher.deliver(newestSession(11).orElseThrow(), 1, 100);
        pusher.flush();
        user11.assertNothingFor(Duration.ofSeconds(1), pdu -> pdu.commandId() == CID_MSG_DATA_VALUE);

        slowUser12.startReading();

        Pdu waited = user11.await(pdu -> pdu.commandId() == CID_MSG_DATA_VALUE);
        assertThat(msgId(waited)).isEqualTo(1);
        await().atMost(WAIT).until(() -> !paused());
        int allSent = msgId;
        await().atMost(WAIT).until(() -> slowUser12.all(pdu -> pdu.commandId() == CID_MSG_DATA_VALUE).size() == allSent);
        assertThat(slowUser12.closedByPeer()).isFalse();
    }

    private boolean paused() {
        return meters.get("im.gateway.delivery.paused").gauge().value() == 1;
    }

    private static int msgId(Pdu pdu) {
        try {
            return IMMsgData.parseFrom(pdu.body()).getMsgId();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
