package dev.switchboard.gateway.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.RouteEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_ACK_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.body;
import static dev.switchboard.gateway.GatewayTestSupport.count;
import static dev.switchboard.gateway.GatewayTestSupport.golden;
import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * user11's messages through the real gateway: acknowledged as TeamTalk did once on {@code im.route}, or dropped
 * silently and counted. Each test uses its own recipient so msg ids of one test do not depend on another.
 */
class MessageCommandTest extends GatewayIntegrationTest {

    private static final String DROPPED = "im.gateway.messages.dropped";

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private GatewayProperties properties;
    private RawClient user11;

    @BeforeEach
    void logInUser11() {
        user11 = logIn(USER11_CONNECTION);
    }

    @Test
    void acknowledgesTheGoldenMessageAsTeamTalkDidAndRoutesItToUser12() throws InvalidProtocolBufferException {
        GoldenFrame message = golden(USER11_CONNECTION, false, CID_MSG_DATA_VALUE);
        GoldenFrame expectedAck = golden(USER11_CONNECTION, true, CID_MSG_DATA_ACK_VALUE);

        user11.send(message.frame());

        Pdu ack = user11.await(CID_MSG_DATA_ACK_VALUE, 8542);
        assertThat(ack.serviceId()).isEqualTo(expectedAck.serviceId()).isEqualTo(ServiceID.SID_MSG_VALUE);
        assertThat(ack.seq()).isEqualTo(expectedAck.seq());
        IMMsgDataAck actual = IMMsgDataAck.parseFrom(ack.body());
        IMMsgDataAck teamTalk = IMMsgDataAck.parseFrom(body(expectedAck));
        assertThat(actual.getUserId()).isEqualTo(teamTalk.getUserId()).isEqualTo(11);
        assertThat(actual.getSessionId()).isEqualTo(teamTalk.getSessionId()).isEqualTo(12);
        assertThat(actual.getMsgId()).isEqualTo(teamTalk.getMsgId()).isEqualTo(1);
        assertThat(actual.getSessionType()).isEqualTo(teamTalk.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_SINGLE);
        assertThat(actual).isEqualTo(teamTalk);

        try (RouteTopicReader route = new RouteTopicReader()) {
            ConsumerRecord<String, byte[]> record = route.await(envelope ->
                    envelope.getOriginGatewayId().equals(properties.id()) && envelope.getToId() == 12);
            RouteEnvelope envelope = RouteTopicReader.parse(record);
            assertThat(record.key()).isEqualTo("12");
            assertThat(envelope.getFromUserId()).isEqualTo(11);
            assertThat(envelope.getMsgId()).isEqualTo(1);
            IMMsgData routed = IMMsgData.parseFrom(envelope.getFrame().getBody());
            assertThat(routed.getMsgData().toStringUtf8()).isEqualTo("hello user12");
            assertThat(routed.getFromUserId()).isEqualTo(11);
            assertThat(routed.getMsgId()).isEqualTo(1);
        }
    }

    @Test
    void routesTheMessageAsSentByTheLoggedInUserWhateverFromUserIdTheClientClaims() throws Exception {
        user11.send(message(300, 13, 999, "spoofed sender"));

        user11.await(CID_MSG_DATA_ACK_VALUE, 300);
        try (RouteTopicReader route = new RouteTopicReader()) {
            RouteEnvelope envelope = RouteTopicReader.parse(route.await(candidate ->
                    candidate.getOriginGatewayId().equals(properties.id()) && candidate.getToId() == 13));
            IMMsgData routed = IMMsgData.parseFrom(envelope.getFrame().getBody());
            assertThat(routed.getMsgData().toStringUtf8()).isEqualTo("spoofed sender");
            assertThat(routed.getFromUserId()).isEqualTo(11);
            assertThat(envelope.getFromUserId()).isEqualTo(11);
        }
    }

    @Test
    void dropsAnEmptyMessageWithoutAnAck() {
        assertDroppedWithoutAck(message(100, 12, 11, ""), 100, "empty");
    }

    @Test
    void dropsAMessageToOneselfWithoutAnAck() {
        assertDroppedWithoutAck(message(101, 11, 11, "talking to myself"), 101, "self");
    }

    @Test
    void dropsTheGoldenGroupMessageToAGroupThatDoesNotExistWithoutAnAckAsTeamTalkDid() {
        GoldenFrame groupMessage = golden(USER11_CONNECTION, false, CID_MSG_DATA_VALUE, 1);

        assertDroppedWithoutAck(Pdu.of(groupMessage.serviceId(), CID_MSG_DATA_VALUE, groupMessage.seq(),
                body(groupMessage)), groupMessage.seq(), "not_member");
    }

    @Test
    void dropsAMessageLargerThanTheMaximumWithoutAnAck() {
        String large = "x".repeat((int) properties.maxMessageBytes().toBytes() + 1);

        assertDroppedWithoutAck(message(102, 15, 11, large), 102, "too_large");
    }

    @Test
    void dropsThe21stMessageWithinASecondWithoutAnAck() {
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int seq = 201; seq <= 221; seq++) {
            burst.writeBytes(RawClient.frame(message(seq, 14, 11, "burst " + seq)));
        }
        double before = count(meters, DROPPED, "reason", "rate_limited");

        user11.send(burst.toByteArray());

        for (int seq = 201; seq <= 220; seq++) {
            user11.await(CID_MSG_DATA_ACK_VALUE, seq);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count(meters, DROPPED, "reason", "rate_limited") == before + 1);
        user11.assertNothingFor(Duration.ofSeconds(1), pdu -> pdu.commandId() == CID_MSG_DATA_ACK_VALUE && pdu.seq() == 221);
    }

    private void assertDroppedWithoutAck(Pdu message, int seq, String reason) {
        double before = count(meters, DROPPED, "reason", reason);

        user11.send(message);

        await().atMost(Duration.ofSeconds(10)).until(() -> count(meters, DROPPED, "reason", reason) == before + 1);
        user11.assertNothingFor(Duration.ofSeconds(1), pdu -> pdu.commandId() == CID_MSG_DATA_ACK_VALUE && pdu.seq() == seq);
        assertThat(user11.closedByPeer()).isFalse();
    }

    /** The golden message with another seq, recipient, claimed sender and text. */
    private static Pdu message(int seq, int toUserId, int fromUserId, String text) {
        try {
            IMMsgData golden = IMMsgData.parseFrom(body(golden(USER11_CONNECTION, false, CID_MSG_DATA_VALUE)));
            IMMsgData variant = golden.toBuilder().setToSessionId(toUserId).setFromUserId(fromUserId)
                    .setMsgData(ByteString.copyFromUtf8(text)).build();
            return Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, seq, variant);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
