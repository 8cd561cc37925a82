package dev.switchboard.e2e;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupType;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SwitchServiceCmdID;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateRsp;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import com.mogujie.tt.protobuf.IMSwitchService.IMP2PCmdMsg;
import dev.switchboard.client.PasswordDigest;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.LoginFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile clients over real sockets against one gateway of the cluster, started with short timeouts and small limits.
 * Each abuse gets its defined outcome (an error answer or a close, and a metric), and after each one a well-behaved
 * pair on the same gateway (user180 and user181) still chats both ways, losing nothing ({@link #theBystandersStillChat}).
 * user182 is the logged-in attacker; user183 the brute-forced victim; user184 an innocent user of the same address
 * (users 180-184).
 */
class HostileClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ADDRESS = "127.0.0.1";
    /** Other source addresses on loopback, for logins over a socket bound to them ({@link #loginFrom}). */
    private static final String OTHER_ADDRESS = "127.0.0.2";
    private static final String NEW_ADDRESS = "127.0.0.3";
    private static final int MAX_PER_ADDRESS = 12;
    private static final int MAX_FRAME = 1024 * 1024;
    private static final String WRONG = PasswordDigest.md5Hex("wrong");

    private static Cluster cluster;
    private static ConfigurableApplicationContext gateway;
    private static MeterRegistry meters;
    private static int port;
    private static TeamTalkClient alice;
    private static TeamTalkClient bob;
    private static int chatsDelivered;
    private final List<TeamTalkClient> clients = new ArrayList<>();

    @BeforeAll
    static void startTheGatewayAndTheBystanders() {
        cluster = Cluster.get();
        gateway = cluster.startGateway("gw-hostile", Map.of(
                // short, yet long enough that a busy machine does not close a test's own connections too early;
                // the idle timeout is longer, so a connection that never logs in is closed by the login timeout
                "switchboard.gateway.login-timeout", "3s",
                "switchboard.gateway.pc-idle-timeout", "5s",
                "switchboard.gateway.max-connections-per-address", String.valueOf(MAX_PER_ADDRESS),
                "switchboard.gateway.login-throttle.failures-per-user", "3",
                "switchboard.gateway.login-throttle.failures-per-address", "8",
                "switchboard.gateway.login-throttle.window", "1m",
                "switchboard.gateway.login-throttle.backoff", "2s",
                "switchboard.gateway.login-throttle.max-backoff", "4s"));
        meters = gateway.getBean(MeterRegistry.class);
        port = gateway.getBean(GatewayServer.class).port();
        alice = bystander("user180");
        bob = bystander("user181");
        cluster.awaitConnections(180, 1);
        cluster.awaitConnections(181, 1);
    }

    private static TeamTalkClient bystander(String user) {
        TeamTalkClient client = TeamTalkClient.connect(ADDRESS, port);
        TestClients.assertLogsIn(client, user, ClientType.CLIENT_TYPE_WINDOWS);
        client.startHeartbeats(Duration.ofMillis(500));
        return client;
    }

    /** Other test classes' failed logins from this address must not count here (nor this class's there). */
    @BeforeEach
    void startWithoutLoginFailures() {
        forgetLoginFailures();
    }

    @AfterEach
    void theBystandersStillChat() {
        clients.forEach(TeamTalkClient::close);
        forgetLoginFailures();
        assertThat(alice.isOpen()).isTrue();
        assertThat(bob.isOpen()).isTrue();
        chat(alice, bob, 180, "ping " + chatsDelivered);
        chat(bob, alice, 181, "pong " + chatsDelivered);
        chatsDelivered++;
    }

    @AfterAll
    static void stopTheGateway() {
        if (gateway != null) {
            alice.close();
            bob.close();
            gateway.close();
        }
    }

    /** One message each way, acknowledged and delivered with the acknowledged msg_id. */
    private static void chat(TeamTalkClient from, TeamTalkClient to, int fromId, String text) {
        IMMsgDataAck ack = from.sendText(to.userId(), text);
        IMMsgData received = to.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                message -> message.getFromUserId() == fromId && message.getMsgId() == ack.getMsgId(), WAIT)
                .orElseThrow(() -> new AssertionError("not delivered: " + text));
        assertThat(TeamTalkCipher.decrypt(received.getMsgData().toByteArray())).contains(text);
    }

    // ---- framing ----

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void aFrameLengthUnderTheHeaderClosesTheConnection(int length) {
        double before = count("im.gateway.frames.rejected", "reason", "too_short");
        TeamTalkClient client = connect();

        client.sendBytes(header(length, 7, 0x0701));

        assertThat(client.awaitClosed(WAIT)).isTrue();
        awaitCount("im.gateway.frames.rejected", "reason", "too_short", before + 1);
    }

    @Test
    void aFrameOverTheMaximumClosesTheConnectionAndOneAtTheMaximumIsServed() {
        double tooLong = count("im.gateway.frames.rejected", "reason", "too_long");
        TeamTalkClient oversized = connect();
        oversized.sendBytes(header(MAX_FRAME + 1, 7, 0x0701));
        assertThat(oversized.awaitClosed(WAIT)).isTrue();
        awaitCount("im.gateway.frames.rejected", "reason", "too_long", tooLong + 1);

        TeamTalkClient attacker = attacker();
        byte[] body = new byte[MAX_FRAME - 16];
        Pdu heartbeat = Pdu.of(ServiceID.SID_OTHER_VALUE, 0x0701, 77, body);
        attacker.send(heartbeat);
        Pdu echo = attacker.awaitIncoming(0x0701, WAIT);
        assertThat(echo.seq()).isEqualTo(77);
        assertThat(echo.body()).hasSize(MAX_FRAME - 16);
        assertThat(attacker.isOpen()).isTrue();
    }

    @Test
    void aTruncatedFrameFollowedByACloseLeavesNothingBehind() {
        SessionRegistry sessions = gateway.getBean(SessionRegistry.class);
        TeamTalkClient client = connect();
        await().atMost(WAIT).until(() -> sessions.size() == 3);

        client.sendBytes(IntStream.range(0, 40).collect(ByteArrayOutputStream::new,
                (out, i) -> out.write(i == 3 ? 100 : 0), (a, b) -> { }).toByteArray());
        client.close();

        await().atMost(WAIT).until(() -> sessions.size() == 2);
    }

    @Test
    void aSlowlorisThatNeverCompletesAFrameIsClosedByTheLoginTimeout() {
        double before = count("im.gateway.connections.closed", "reason", "login_timeout");
        TeamTalkClient client = connect();

        client.sendBytes(new byte[] {0, 0, 0, 64, 0, 1, 0});

        assertThat(client.awaitClosed(WAIT)).isTrue();
        awaitCount("im.gateway.connections.closed", "reason", "login_timeout", before + 1);
    }

    @Test
    void aLoggedInSlowlorisTricklingAFrameItNeverCompletesIsClosedByTheIdleTimeout() {
        double before = count("im.gateway.connections.closed", "reason", "idle");
        TeamTalkClient client = attacker();
        client.sendBytes(new byte[] {0, 0, 0, 64, 0, 1, 0});
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            // one byte every 300 ms: bytes keep arriving well within the 5 s idle timeout, a frame never completes
            trickle.scheduleAtFixedRate(() -> client.sendBytes(new byte[] {0}), 300, 300, TimeUnit.MILLISECONDS);

            assertThat(client.awaitClosed(WAIT)).isTrue();
            awaitCount("im.gateway.connections.closed", "reason", "idle", before + 1);
        } finally {
            trickle.shutdownNow();
        }
    }

    // ---- bodies ----

    @Test
    void garbageOrAnOutOfRangeEnumInALoginClosesTheConnection() {
        double before = count("im.gateway.logins", "result", "malformed");
        TeamTalkClient garbage = connect();
        garbage.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE, 1,
                new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02}));
        TeamTalkClient badEnum = connect();
        badEnum.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE, 1,
                loginWithClientType("user182", 0x7f)));

        assertThat(garbage.awaitClosed(WAIT)).isTrue();
        assertThat(badEnum.awaitClosed(WAIT)).isTrue();
        awaitCount("im.gateway.logins", "result", "malformed", before + 2);
    }

    @Test
    void aMessageWithGarbageAMissingRequiredFieldOrAnOutOfRangeEnumIsDroppedAndTheConnectionStays() {
        double before = count("im.gateway.messages.dropped", "reason", "malformed");
        TeamTalkClient client = attacker();

        client.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 1, new byte[] {0x0a, 0x7f}));
        client.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 2,
                IMMsgData.newBuilder().setToSessionId(181).setMsgData(ByteString.copyFromUtf8("x")).buildPartial()));
        client.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 3,
                text(181, "bad type").toBuilder().clearMsgType().buildPartial().toByteString().concat(
                        ByteString.copyFrom(new byte[] {0x28, 0x63})).toByteArray())); // msg_type (5) = 99

        awaitCount("im.gateway.messages.dropped", "reason", "malformed", before + 3);
        assertThat(client.heartbeat().join().seq()).isPositive();
        assertThat(client.pollIncoming(MessageCmdID.CID_MSG_DATA_ACK_VALUE, Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void unknownCommandsCloseBeforeLoginAndAreIgnoredAfter() {
        double closed = count("im.gateway.connections.closed", "reason", "not_logged_in");
        double ignored = count("im.gateway.commands.ignored", "reason", "unknown");
        TeamTalkClient anonymous = connect();
        anonymous.send(Pdu.of(0x7777, 0x7777, 1, new byte[0]));
        assertThat(anonymous.awaitClosed(WAIT)).isTrue();
        awaitCount("im.gateway.connections.closed", "reason", "not_logged_in", closed + 1);

        TeamTalkClient client = attacker();
        client.send(Pdu.of(0x7777, 0x7777, 1, new byte[] {1, 2, 3}));
        client.send(Pdu.of(ServiceID.SID_MSG_VALUE, 0xffff, 2, new byte[0]));

        awaitCount("im.gateway.commands.ignored", "reason", "unknown", ignored + 2);
        assertThat(client.heartbeat().join().seq()).isPositive();
    }

    @Test
    void aMessageBeforeLoginClosesTheConnectionAndReachesNoOne() {
        double before = count("im.gateway.connections.closed", "reason", "not_logged_in");
        TeamTalkClient anonymous = connect();

        anonymous.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 1, text(181, "anonymous")));

        assertThat(anonymous.awaitClosed(WAIT)).isTrue();
        awaitCount("im.gateway.connections.closed", "reason", "not_logged_in", before + 1);
        assertThat(bob.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                message -> message.getFromUserId() != 180, Duration.ofMillis(500))).isEmpty();
    }

    // ---- repeated fields ----

    @Test
    void aStatusRequestForAMillionIdsIsAnsweredForTheFirstThousand() {
        double before = count("im.gateway.requests.limited", "command", "0x20a");
        TeamTalkClient client = attacker();
        byte[] body = packedUsersStatRequest(1_000_000);
        assertThat(body.length + 16).isLessThanOrEqualTo(MAX_FRAME);

        client.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_REQUEST_VALUE,
                4242, body));

        Pdu response = client.awaitIncoming(BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_RESPONSE_VALUE, WAIT);
        assertThat(response.seq()).isEqualTo(4242);
        IMUsersStatRsp answer = parse(response, IMUsersStatRsp.parser());

        assertThat(answer.getUserStatListCount()).isEqualTo(1000);
        assertThat(answer.getUserId()).isEqualTo(182);
        awaitCount("im.gateway.requests.limited", "command", "0x20a", before + 1);
    }

    @Test
    void aGroupOfMoreMembersThanTheLimitIsRefused() {
        double before = count("im.gateway.requests.limited", "command", "0x405");
        TeamTalkClient client = attacker();
        IMGroupCreateReq request = IMGroupCreateReq.newBuilder().setUserId(0).setGroupType(GroupType.GROUP_TYPE_TMP)
                .setGroupName("crowd").setGroupAvatar("")
                .addAllMemberIdList(IntStream.rangeClosed(1, 1001).boxed().toList()).build();

        IMGroupCreateRsp answer = TestClients.ask(client, ServiceID.SID_GROUP_VALUE,
                GroupCmdID.CID_GROUP_CREATE_REQUEST_VALUE, request, GroupCmdID.CID_GROUP_CREATE_RESPONSE_VALUE,
                IMGroupCreateRsp.parser());

        assertThat(answer.getResultCode()).isEqualTo(1);
        assertThat(answer.hasGroupId()).isFalse();
        awaitCount("im.gateway.requests.limited", "command", "0x405", before + 1);
    }

    // ---- connections and logins ----

    @Test
    void aConnectionFloodFromOneAddressIsCappedAndTheAddressConnectsAgainAfterwards() {
        SessionRegistry sessions = gateway.getBean(SessionRegistry.class);
        await().atMost(WAIT).until(() -> sessions.size() == 2); // alice and bob
        double before = count("im.gateway.connections.closed", "reason", "address_limit");
        List<TeamTalkClient> flood = new ArrayList<>();
        for (int i = 0; i < MAX_PER_ADDRESS - 2; i++) {
            flood.add(connect());
        }
        await().atMost(WAIT).until(() -> sessions.size() == MAX_PER_ADDRESS);

        TeamTalkClient refused = connect();
        TeamTalkClient refusedToo = connect();

        assertThat(refused.awaitClosed(WAIT)).isTrue();
        assertThat(refusedToo.awaitClosed(WAIT)).isTrue();
        awaitCount("im.gateway.connections.closed", "reason", "address_limit", before + 2);
        assertThat(flood).allMatch(TeamTalkClient::isOpen);
        assertThat(count("im.gateway.connections.closed", "reason", "address_limit")).isEqualTo(before + 2);

        flood.forEach(TeamTalkClient::close);
        await().atMost(WAIT).until(() -> sessions.size() == 2);
        TestClients.assertLogsIn(connect(), "user184", ClientType.CLIENT_TYPE_WINDOWS);
    }

    @Test
    void aBruteForcedNameIsRefusedUnseenForABackoffWhileAnotherNameOfTheSameAddressLogsIn() {
        double throttled = count("im.gateway.logins", "result", "throttled");
        for (int i = 0; i < 3; i++) {
            IMLoginRes wrong = connect().loginWithDigest("user183", WRONG, ClientType.CLIENT_TYPE_WINDOWS);
            assertThat(wrong.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED);
            assertThat(wrong.getResultString()).isEqualTo("用户名/密码错误");
        }

        TeamTalkClient victim = connect();
        IMLoginRes blocked = victim.login("user183", TestClients.PASSWORD, ClientType.CLIENT_TYPE_WINDOWS);
        assertThat(blocked.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED);
        assertThat(blocked.getResultString()).isEqualTo("用户名/密码错误次数太多");
        assertThat(victim.awaitClosed(WAIT)).isTrue();
        awaitCount("im.gateway.logins", "result", "throttled", throttled + 1);
        assertThat(count("im.gateway.logins.blocked", "subject", "user")).isPositive();

        TestClients.assertLogsIn(connect(), "user184", ClientType.CLIENT_TYPE_WINDOWS);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                connect().login("user183", TestClients.PASSWORD, ClientType.CLIENT_TYPE_WINDOWS).getResultCode()
                        == ResultType.REFUSE_REASON_NONE);
        assertThat(connect().loginWithDigest("user183", WRONG, ClientType.CLIENT_TYPE_WINDOWS).getResultString())
                .as("the success reset the name's count").isEqualTo("用户名/密码错误");
        TestClients.assertLogsIn(connect(), "user183", ClientType.CLIENT_TYPE_WINDOWS);
    }

    @Test
    void aNameUnderABackoffStillLogsInFromAnAddressItLoggedInFromBefore() {
        TestClients.assertLogsIn(connect(), "user183", ClientType.CLIENT_TYPE_WINDOWS);
        for (int i = 0; i < 3; i++) {
            assertThat(loginFrom(OTHER_ADDRESS, "user183", WRONG).getResultString()).isEqualTo("用户名/密码错误");
        }
        assertThat(loginFrom(OTHER_ADDRESS, "user183", PasswordDigest.md5Hex(TestClients.PASSWORD))
                .getResultString()).as("the guessing address").isEqualTo("用户名/密码错误次数太多");
        assertThat(loginFrom(NEW_ADDRESS, "user183", PasswordDigest.md5Hex(TestClients.PASSWORD))
                .getResultString()).as("an address the name never logged in from").isEqualTo("用户名/密码错误次数太多");
        double exempted = count("im.gateway.logins.exempted", "reason", "known_address");

        TestClients.assertLogsIn(connect(), "user183", ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(count("im.gateway.logins.exempted", "reason", "known_address")).isEqualTo(exempted + 1);
    }

    @Test
    void anAddressGuessingManyNamesIsRefusedUnseenForABackoff() {
        for (int i = 0; i < 8; i++) {
            IMLoginRes wrong = connect().loginWithDigest("nobody-" + i, WRONG, ClientType.CLIENT_TYPE_WINDOWS);
            assertThat(wrong.getResultString()).isEqualTo("用户名/密码错误");
        }

        IMLoginRes blocked = connect().login("user184", TestClients.PASSWORD, ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(blocked.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED);
        assertThat(blocked.getResultString()).isEqualTo("用户名/密码错误次数太多");
        assertThat(count("im.gateway.logins.blocked", "subject", "address")).isPositive();
    }

    // ---- spoofing and unreachable peers ----

    @Test
    void spoofedSenderIdsAreReplacedByTheLoggedInUser() {
        TeamTalkClient client = attacker();

        client.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 9,
                text(181, "from mallory").toBuilder().setFromUserId(180).build()));
        client.send(Pdu.of(ServiceID.SID_SWITCH_SERVICE_VALUE, SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE, 10,
                IMP2PCmdMsg.newBuilder().setFromUserId(180).setToUserId(181).setCmdMsgData("typing").build()));

        IMMsgData message = bob.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                candidate -> TeamTalkCipher.decrypt(candidate.getMsgData().toByteArray()).orElse("")
                        .equals("from mallory"),
                WAIT).orElseThrow();
        assertThat(message.getFromUserId()).isEqualTo(182);
        IMP2PCmdMsg p2p = bob.awaitIncoming(SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE, IMP2PCmdMsg.parser(), WAIT);
        assertThat(p2p.getFromUserId()).isEqualTo(182);
    }

    @Test
    void aGroupMessageFromANonMemberIsDroppedAndAMessageToNoUserReachesNoOne() {
        int group = GroupCalls.createTmp(alice, "pair", List.of(181));
        double notMember = count("im.gateway.messages.dropped", "reason", "not_member");
        TeamTalkClient client = attacker();

        CompletableFuture<IMMsgDataAck> intrusion = client.sendGroupTextAsync(group, "let me in");
        IMMsgDataAck toNobody = client.sendText(99_999_999, "hello nobody");

        awaitCount("im.gateway.messages.dropped", "reason", "not_member", notMember + 1);
        assertThat(intrusion).isNotDone();
        assertThat(toNobody.getMsgId()).as("acknowledged and stored, as TeamTalk does").isPositive();
        assertThat(alice.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                message -> message.getFromUserId() == 182, Duration.ofMillis(500))).isEmpty();
        assertThat(bob.pollIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                message -> message.getFromUserId() == 182, Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void aMessageFloodIsCutAtTheRateLimitAndCounted() {
        double before = count("im.gateway.messages.dropped", "reason", "rate_limited");
        TeamTalkClient client = attacker();

        for (int i = 0; i < 60; i++) {
            client.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 1000 + i,
                    text(99_999_998, "flood " + i)));
        }

        await().atMost(WAIT).until(() -> count("im.gateway.messages.dropped", "reason", "rate_limited") >= before + 1);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aMessageOrP2PCommandOverTheMaximumSizeIsDroppedAndReachesNoOne() {
        double message = count("im.gateway.messages.dropped", "reason", "too_large");
        double p2p = count("im.gateway.commands.ignored", "reason", "too_large");
        TeamTalkClient client = attacker();
        String huge = "x".repeat(256 * 1024 + 1);

        client.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, 11,
                text(181, "").toBuilder().setMsgData(ByteString.copyFromUtf8(huge)).build()));
        client.send(Pdu.of(ServiceID.SID_SWITCH_SERVICE_VALUE, SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE, 12,
                IMP2PCmdMsg.newBuilder().setFromUserId(0).setToUserId(181).setCmdMsgData(huge).build()));

        awaitCount("im.gateway.messages.dropped", "reason", "too_large", message + 1);
        awaitCount("im.gateway.commands.ignored", "reason", "too_large", p2p + 1);
        assertThat(client.pollIncoming(MessageCmdID.CID_MSG_DATA_ACK_VALUE, Duration.ofMillis(300))).isEmpty();
        assertThat(bob.pollIncoming(SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE, Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void aRequestFloodIsCutAtTheRequestRateAndCounted() {
        double before = count("im.gateway.commands.ignored", "reason", "rate_limited");
        TeamTalkClient client = attacker();
        byte[] request = packedUsersStatRequest(1000);

        for (int i = 0; i < 300; i++) {
            client.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE,
                    BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_REQUEST_VALUE, 2000 + i, request));
        }

        awaitCount("im.gateway.commands.ignored", "reason", "rate_limited", before + 1);
        assertThat(client.heartbeat().join().seq()).isPositive();
        assertThat(client.incoming().stream().filter(pdu ->
                pdu.commandId() == BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_RESPONSE_VALUE).count())
                .isLessThan(300);
    }

    // ---- helpers ----

    private TeamTalkClient connect() {
        TeamTalkClient client = TeamTalkClient.connect(ADDRESS, port);
        clients.add(client);
        return client;
    }

    /** user182, logged in on the hostile gateway. */
    private TeamTalkClient attacker() {
        TeamTalkClient client = connect();
        TestClients.assertLogsIn(client, "user182", ClientType.CLIENT_TYPE_WINDOWS);
        return client;
    }

    private static void forgetLoginFailures() {
        LoginFailures failures = gateway.getBean(LoginFailures.class);
        for (String subject : List.of(LoginFailures.address(ADDRESS), LoginFailures.address(OTHER_ADDRESS),
                LoginFailures.address(NEW_ADDRESS), LoginFailures.user("user183"), LoginFailures.user("user184"))) {
            failures.reset(subject).toCompletableFuture().join();
        }
        for (String user : List.of("user183", "user184")) {
            failures.forgetAddresses(user).toCompletableFuture().join();
        }
    }

    /**
     * A login over a plain socket bound to {@code localAddress} (a loopback address other than 127.0.0.1, so the
     * gateway sees another source address); the answer.
     */
    private IMLoginRes loginFrom(String localAddress, String user, String digest) {
        byte[] body = IMLoginReq.newBuilder().setUserName(user).setPassword(digest)
                .setOnlineStatus(UserStatType.USER_STATUS_ONLINE).setClientType(ClientType.CLIENT_TYPE_WINDOWS)
                .setClientVersion("hostile").build().toByteArray();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(ADDRESS, port), 5000);
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(header(16 + body.length, ServiceID.SID_LOGIN_VALUE,
                    LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE));
            socket.getOutputStream().write(body);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            in.skipNBytes(12);
            return IMLoginRes.parseFrom(in.readNBytes(length - 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] header(long length, int serviceId, int commandId) {
        return ByteBuffer.allocate(16).putInt((int) length).putShort((short) 1).putShort((short) 0)
                .putShort((short) serviceId).putShort((short) commandId).putShort((short) 1).putShort((short) 0)
                .array();
    }

    private static IMMsgData text(int to, String text) {
        return IMMsgData.newBuilder().setFromUserId(0).setToSessionId(to).setMsgId(0).setCreateTime(0)
                .setMsgType(MsgType.MSG_TYPE_SINGLE_TEXT)
                .setMsgData(ByteString.copyFrom(TeamTalkCipher.encrypt(text))).build();
    }

    /** An IMLoginReq whose client_type (field 4, a required enum) has a value ClientType does not define. */
    private static byte[] loginWithClientType(String user, int clientType) {
        return write(out -> {
            out.writeString(1, user);
            out.writeString(2, PasswordDigest.md5Hex(TestClients.PASSWORD));
            out.writeEnum(3, 1);
            out.writeEnum(4, clientType);
            out.writeString(5, "hostile");
        });
    }

    /** IMUsersStatReq{user_id=0, user_id_list=[1..100 repeated, n ids]} with the list packed: one byte per id. */
    private static byte[] packedUsersStatRequest(int ids) {
        return write(out -> {
            out.writeUInt32(1, 0);
            out.writeTag(2, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(ids);
            for (int i = 0; i < ids; i++) {
                out.writeUInt32NoTag(1 + i % 100);
            }
        });
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T parse(Pdu pdu, com.google.protobuf.Parser<T> parser) {
        try {
            return parser.parseFrom(pdu.body());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("answer does not parse", e);
        }
    }

    private static double count(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void awaitCount(String name, String tag, String value, double atLeast) {
        await().atMost(WAIT).until(() -> count(name, tag, value) >= atLeast);
    }
}
