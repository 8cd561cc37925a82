package dev.switchboard.gateway.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.pdu.Pdu;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_LOGINOUT_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_READ_ACK_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID.CID_OTHER_HEARTBEAT_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.golden;
import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Coverage-guided fuzzing (Jazzer) of what a client's bytes reach after framing: every command handler's parse and
 * validate path, for a logged-in session, and every command, {@code IMLoginReq} above all, before login.
 *
 * <p><b>Why a real gateway over a socket.</b> The handlers are thin: parse the body, validate, then call Redis or Kafka
 * and answer from the callback. Their defined outcomes (an answer with the request's seq, an ignore or drop counted
 * in a metric, a close for a reason) and the failure being hunted (an exception escaping to ClientHandler's
 * {@code unexpected error} branch, which closes the connection as {@link CloseReason#ERROR}) both live across that
 * whole path, callbacks included: an exception thrown inside a store callback escapes nothing, it just leaves the
 * request unanswered. So each input goes through the real pipeline (decoder, dispatcher, handler, store, encoder)
 * of a gateway started as the other integration tests start it ({@link GatewayTestSupport}: embedded Kafka, Redis and
 * PostgreSQL), on a connection that stays logged in across inputs. Factoring a pure parse-and-validate step out of
 * 33 handlers would change production code for the test's sake and miss the callbacks. The price is speed: about 100
 * to 200 inputs per second on a busy 2-core machine (docs/SECURITY.md#fuzzing), enough for bodies of tens of bytes.
 *
 * <p><b>Oracle, per input.</b> The fuzzed frame is followed by a heartbeat with a marker seq; its echo proves the
 * handler's synchronous part ran (the pipeline is ordered). Then: no ERROR was logged by the gateway; the connection
 * was closed only by a logout; and the request got a defined outcome within {@link #WAIT}: a PDU with its seq or an
 * outcome metric ({@link #OUTCOME_METRICS}), except for the commands that answer nothing by design
 * ({@link #NO_ANSWER}: read ack and P2P, which only publish).
 *
 * <p><b>One target, three connection states.</b> Jazzer fuzzes one target per JVM, and each JVM here pays for a
 * gateway with Kafka and Redis, so the states a client frame can meet are one input byte rather than three targets:
 * a logged-in PC session (user11 on Windows), a logged-in mobile session (user12 on Android), or a new connection
 * before login, where {@code IMLoginReq} must end in a login, a refusal and a close, or (unparsable) a counted close;
 * a heartbeat must be echoed, and anything else must close the connection.
 *
 * <p><b>Input layout</b> (seeds in {@code GatewayFuzzTestInputs/command}, derived by {@link GatewayFuzzSeedsTest}):
 * two bytes command id (a registered id is used as is, any other value picks one of {@link #COMMAND_IDS}), one flag
 * byte (bit 1: before login, on a new connection; else bit 0: the mobile session, not set: the PC session), then the
 * body.
 */
class GatewayFuzzTest extends GatewayIntegrationTest {

    /** Every command id the gateway registers, sorted ({@link #fuzzedCommandIdsAreTheRegisteredOnes} checks it). */
    static final List<Integer> COMMAND_IDS = List.of(0x0103, 0x0105, 0x0108, 0x010a, 0x010c, 0x010e, 0x0201, 0x0204,
            0x0206, 0x0208, 0x020a, 0x020c, 0x0210, 0x0213, 0x0301, 0x0302, 0x0303, 0x0305, 0x0307, 0x0309, 0x030b,
            0x030d, 0x0401, 0x0403, 0x0405, 0x0407, 0x0409, 0x0506, 0x0509, 0x050b, 0x050c, 0x0601, 0x0701);

    /** Commands that answer nothing on the requesting connection by design: they only publish. */
    static final Set<Integer> NO_ANSWER = Set.of(CID_MSG_READ_ACK_VALUE, CID_SWITCH_P2P_CMD_VALUE);

    /** Counters whose increment is a defined outcome for a request without an answer. */
    static final List<String> OUTCOME_METRICS = List.of("im.gateway.commands.ignored", "im.gateway.commands.failed",
            "im.gateway.messages.dropped", "im.gateway.messages.duplicate", "im.gateway.delivery.acks",
            "im.gateway.logins");

    /** Flag bits of the third input byte. */
    static final int MOBILE = 1;
    static final int BEFORE_LOGIN = 2;

    /** How long the gateway has to answer or close: generous, a 2-core machine running Kafka in the same JVM. */
    static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    private List<Command> commands;
    @Autowired
    private MeterRegistry meters;

    private final ErrorLog errors = ErrorLog.attach();
    /** The logged-in connections: [0] user11 on Windows, [1] user12 on Android; null until needed or after a close. */
    private final FrameClient[] sessions = new FrameClient[2];
    private int seq;

    @DynamicPropertySource
    static void fuzzProperties(DynamicPropertyRegistry registry) {
        // far above what a fuzzer sends per second, so messages and requests get past the rate limits to validation
        // and the handlers, and fuzzed wrong passwords never throttle the logins the target needs
        registry.add("switchboard.gateway.messages-per-second", () -> 100_000);
        registry.add("switchboard.gateway.requests-per-second", () -> 100_000);
        registry.add("switchboard.gateway.login-throttle.failures-per-user", () -> 1_000_000_000);
        registry.add("switchboard.gateway.login-throttle.failures-per-address", () -> 1_000_000_000);
        // PostgreSQL connections only on demand, within the input whose history read needs one: a connection the
        // pool opened in the background between two inputs would meet Jazzer's SSRF detector unconfigured
        registry.add("spring.datasource.hikari.minimum-idle", () -> 0);
    }

    @AfterEach
    void closeSessions() {
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] != null) {
                sessions[i].close();
                sessions[i] = null;
            }
        }
    }

    @Test
    void fuzzedCommandIdsAreTheRegisteredOnes() {
        assertThat(commands.stream().map(Command::commandId).sorted().toList()).isEqualTo(COMMAND_IDS);
    }

    @FuzzTest(maxDuration = "20s")
    void command(byte[] input) throws InvalidProtocolBufferException {
        allowLoopbackConnections();
        if (input.length < 3) {
            return;
        }
        int raw = ((input[0] & 0xFF) << 8) | (input[1] & 0xFF);
        int commandId = COMMAND_IDS.contains(raw) ? raw : COMMAND_IDS.get(raw % COMMAND_IDS.size());
        byte[] body = Arrays.copyOfRange(input, 3, input.length);
        if ((input[2] & BEFORE_LOGIN) != 0) {
            beforeLogin(commandId, body);
        } else {
            loggedIn(input[2] & MOBILE, commandId, body);
        }
    }

    private void loggedIn(int session, int commandId, byte[] body) {
        FrameClient client = session(session);
        int requestSeq = nextSeq();
        int markerSeq = nextSeq();
        double outcomesBefore = outcomes();
        Map<CloseReason, Double> closesBefore = closes();

        client.send(FrameClient.frames(new Pdu(Pdu.VERSION, 0, commandId >>> 8, commandId, requestSeq, 0, body),
                heartbeat(markerSeq)));
        boolean[] answered = {false};
        client.readUntil(pdu -> {
            answered[0] |= pdu.seq() == requestSeq;
            return pdu.commandId() == CID_OTHER_HEARTBEAT_VALUE && pdu.seq() == markerSeq;
        }, WAIT);
        errors.assertNoErrorSinceLastCheck();
        if (commandId == CID_LOGIN_REQ_LOGINOUT_VALUE) {
            // answered, then closed once a mobile session's device token is cleared in Redis: wait for the close
            client.readUntil(pdu -> false, WAIT);
            errors.assertNoErrorSinceLastCheck();
        }
        if (client.closedByPeer()) {
            sessions[session].close();
            sessions[session] = null;
            List<String> reasons = closedFor(closesBefore);
            // a logout closes; so does a kick, should a before-login input have logged the same user in elsewhere
            assertThat(commandId == CID_LOGIN_REQ_LOGINOUT_VALUE || reasons.contains(CloseReason.KICKED.tag()))
                    .as("connection closed after command 0x%04x: %s", commandId, reasons).isTrue();
            return;
        }
        if (!answered[0] && !NO_ANSWER.contains(commandId)) {
            Optional<Pdu> answer = client.readUntil(pdu -> pdu.seq() == requestSeq,
                    () -> outcomes() > outcomesBefore, WAIT);
            assertThat(answer.isPresent() || outcomes() > outcomesBefore || client.closedByPeer())
                    .as("command 0x%04x got an answer or a counted outcome", commandId).isTrue();
        }
        errors.assertNoErrorSinceLastCheck();
    }

    private void beforeLogin(int commandId, byte[] body) throws InvalidProtocolBufferException {
        double malformedBefore = GatewayTestSupport.count(meters, "im.gateway.logins", "result", "malformed");
        int requestSeq = nextSeq();
        try (FrameClient client = new FrameClient(server.port())) {
            client.send(FrameClient.frames(new Pdu(Pdu.VERSION, 0, commandId >>> 8, commandId, requestSeq, 0, body)));
            if (commandId == CID_OTHER_HEARTBEAT_VALUE) {
                assertThat(client.readUntil(pdu -> pdu.seq() == requestSeq, WAIT)).as("heartbeat echo").isPresent();
            } else if (commandId != CID_LOGIN_REQ_USERLOGIN_VALUE) {
                client.readUntil(pdu -> false, WAIT); // closed: not logged in (throws if it stays open)
            } else {
                Optional<Pdu> response = client.readUntil(pdu -> pdu.commandId() == CID_LOGIN_RES_USERLOGIN_VALUE
                        && pdu.seq() == requestSeq, WAIT);
                errors.assertNoErrorSinceLastCheck();
                if (response.isEmpty()) {
                    assertThat(GatewayTestSupport.count(meters, "im.gateway.logins", "result", "malformed"))
                            .as("a login closed without an answer is a malformed one").isGreaterThan(malformedBefore);
                } else if (IMLoginRes.parseFrom(response.get().body()).getResultCode()
                        != ResultType.REFUSE_REASON_NONE) {
                    client.readUntil(pdu -> false, WAIT); // a refused login is closed (throws if it stays open)
                }
            }
        }
        errors.assertNoErrorSinceLastCheck();
    }

    /** The logged-in connection of {@code index} (see {@link #sessions}), logging in again after a logout. */
    private FrameClient session(int index) {
        if (sessions[index] == null) {
            FrameClient client = new FrameClient(server.port());
            int loginSeq = nextSeq();
            byte[] login = index == 0
                    ? GatewayTestSupport.body(golden(USER11_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE))
                    : mobileLogin().toByteArray();
            client.send(FrameClient.frames(Pdu.of(1, CID_LOGIN_REQ_USERLOGIN_VALUE, loginSeq, login)));
            Pdu response = client.readUntil(pdu -> pdu.commandId() == CID_LOGIN_RES_USERLOGIN_VALUE
                    && pdu.seq() == loginSeq, WAIT).orElseThrow(() -> new IllegalStateException("login closed"));
            try {
                assertThat(IMLoginRes.parseFrom(response.body()).getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
            sessions[index] = client;
        }
        return sessions[index];
    }

    /**
     * Jazzer's SSRF detector reports network connections made by instrumented code; this test's connections are all
     * to the gateway on loopback. (Set per input: the detector needs Jazzer's agent, which is installed only once a
     * fuzz test runs.)
     */
    private static void allowLoopbackConnections() {
        BugDetectors.allowNetworkConnections((host, port) -> "localhost".equals(host) || host.startsWith("127."));
    }

    /** user12 on Android (a mobile session: device tokens, kicking the PC client). */
    static IMLoginReq mobileLogin() {
        return IMLoginReq.newBuilder()
                .setUserName("user12")
                .setPassword(GatewayTestSupport.PASSWORD_MD5)
                .setOnlineStatus(UserStatType.USER_STATUS_ONLINE)
                .setClientType(ClientType.CLIENT_TYPE_ANDROID)
                .setClientVersion("1.0")
                .build();
    }

    private static Pdu heartbeat(int markerSeq) {
        return Pdu.of(CID_OTHER_HEARTBEAT_VALUE >>> 8, CID_OTHER_HEARTBEAT_VALUE, markerSeq, new byte[0]);
    }

    /** 1..65535, never 0 (the seq of notifications and deliveries). */
    private int nextSeq() {
        seq = seq % 0xFFFF + 1;
        return seq;
    }

    private double outcomes() {
        return OUTCOME_METRICS.stream()
                .flatMap(name -> meters.find(name).counters().stream())
                .mapToDouble(Counter::count)
                .sum();
    }

    private Map<CloseReason, Double> closes() {
        Map<CloseReason, Double> closes = new EnumMap<>(CloseReason.class);
        for (CloseReason reason : CloseReason.values()) {
            closes.put(reason, GatewayTestSupport.count(meters, "im.gateway.connections.closed", "reason", reason.tag()));
        }
        return closes;
    }

    /** The close reasons counted since {@code before} (waiting briefly: the count follows the close). */
    private List<String> closedFor(Map<CloseReason, Double> before) {
        try {
            await().atMost(Duration.ofSeconds(2)).until(() -> !closes().equals(before));
        } catch (RuntimeException e) {
            return List.of("no close counted");
        }
        Map<CloseReason, Double> after = closes();
        return after.keySet().stream().filter(reason -> !after.get(reason).equals(before.get(reason)))
                .map(CloseReason::tag).toList();
    }
}
