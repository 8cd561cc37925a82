package dev.switchboard.gateway.login;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.pdu.Pdu;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.body;
import static dev.switchboard.gateway.GatewayTestSupport.count;
import static dev.switchboard.gateway.GatewayTestSupport.golden;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The real gateway answers TeamTalk's own login frames exactly as TeamTalk's msg_server did. */
class LoginCommandTest extends GatewayIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @ParameterizedTest(name = "golden connection {0}")
    @ValueSource(ints = {1, 2})
    void answersTheGoldenLoginFrameFieldByFieldAsTeamTalkDid(int connection) throws InvalidProtocolBufferException {
        GoldenFrame request = golden(connection, false, CID_LOGIN_REQ_USERLOGIN_VALUE);
        GoldenFrame expected = golden(connection, true, CID_LOGIN_RES_USERLOGIN_VALUE);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(request.frame());

            Pdu response = client.await(CID_LOGIN_RES_USERLOGIN_VALUE, request.seq());

            assertThat(response.serviceId()).isEqualTo(expected.serviceId());
            assertThat(response.seq()).isEqualTo(expected.seq());
            assertThat(response.version()).isEqualTo(expected.version());
            IMLoginRes actual = IMLoginRes.parseFrom(response.body());
            IMLoginRes teamTalk = IMLoginRes.parseFrom(body(expected));
            assertThat(actual.getResultCode()).isEqualTo(teamTalk.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);
            assertThat(actual.getResultString()).isEqualTo(teamTalk.getResultString()).isEqualTo("成功");
            assertThat(actual.getOnlineStatus()).isEqualTo(teamTalk.getOnlineStatus());
            assertThat(actual.getUserInfo()).isEqualTo(teamTalk.getUserInfo());
            assertThat(actual.getServerTime()).isCloseTo((int) (System.currentTimeMillis() / 1000), within(5));
            assertThat(actual.toBuilder().setServerTime(0).build())
                    .isEqualTo(teamTalk.toBuilder().setServerTime(0).build());
        }
    }

    @Test
    void ignoresASecondLoginOnTheSameConnection() {
        GoldenFrame request = golden(USER12_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE);
        double ignoredBefore = count(meters, "im.gateway.commands.ignored", "reason", "duplicate_login");
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(request.frame());
            client.await(CID_LOGIN_RES_USERLOGIN_VALUE, request.seq());

            client.send(request.frame());

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count(meters, "im.gateway.commands.ignored", "reason", "duplicate_login") == ignoredBefore + 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() ->
                    client.all(pdu -> pdu.commandId() == CID_LOGIN_RES_USERLOGIN_VALUE).size() == 1);
            assertThat(client.closedByPeer()).isFalse();
        }
    }
}
