package dev.switchboard.client.cli;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_KICK_USER_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_LOGINOUT_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_LOGIN_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mogujie.tt.protobuf.IMBaseDefine.KickReasonType;
import com.mogujie.tt.protobuf.IMLogin.IMKickUser;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.client.FakeGateway;
import dev.switchboard.client.GoldenFrames;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

class ChatCliTest {

    private final FakeGateway gateway = new FakeGateway();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ChatCli cli = new ChatCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    private PipedWriter stdin;

    @AfterEach
    void close() throws IOException {
        if (stdin != null) {
            stdin.close();
        }
        gateway.close();
    }

    @Test
    void logsInSendsAMessageAndLogsOutOnQuit() {
        int code = cli.run(args("user12"), input("/send 11 hello there\n/quit\n"));

        assertThat(code).isZero();
        assertThat(lines(out)).containsExactly(
                "logged in as user12 (id 12) on 127.0.0.1:" + gateway.port(),
                "-> 11: msg_id 1",
                "logged out");
        assertThat(gateway.awaitReceived(CID_LOGIN_REQ_LOGINOUT_VALUE)).isNotNull();
    }

    @Test
    void printsReceivedMessagesAndExitsWith2WhenTheServerCloses() throws IOException {
        CompletableFuture<Integer> code = runInBackground(args("user12"));
        await().until(() -> out.toString(StandardCharsets.UTF_8).startsWith("logged in"));

        gateway.pushFrame(GoldenFrames.bytes(GoldenFrames.MESSAGE_TO_USER12));
        await().until(() -> lines(out).length == 2);
        gateway.closeConnection();

        assertThat(code).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(ChatCli.EXIT_SERVER_CLOSED);
        assertThat(lines(out)).endsWith("<- 11: hello user12 (msg_id 1)", "connection closed by server");
    }

    @Test
    void printsTheKickReasonAndExitsWith3() throws IOException {
        CompletableFuture<Integer> code = runInBackground(args("user12"));
        await().until(() -> out.toString(StandardCharsets.UTF_8).startsWith("logged in"));

        IMKickUser kick = IMKickUser.newBuilder()
                .setUserId(12).setKickReason(KickReasonType.KICK_REASON_DUPLICATE_USER).build();
        gateway.push(Pdu.of(SID_LOGIN_VALUE, CID_LOGIN_KICK_USER_VALUE, 0, kick));

        assertThat(code).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(IncomingPrinter.EXIT_KICKED);
        assertThat(lines(out)).endsWith("kicked: logged in elsewhere (KICK_REASON_DUPLICATE_USER)");
    }

    @Test
    void reportsTheResultCodeAndExitsWith1WhenLoginIsRefused() {
        int code = cli.run(args("user12", "--password", "wrong"), input(""));

        assertThat(code).isEqualTo(ChatCli.EXIT_ERROR);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(lines(err)).containsExactly(
                "login failed: result_code=6 (REFUSE_REASON_DB_VALIDATE_FAILED) 用户名/密码错误");
    }

    @Test
    void asksTheLoginServerForTheGatewayWhenGivenALoginUrl() throws IOException {
        HttpServer loginServer = loginServerPointingAt(gateway.port());
        try {
            String url = "http://127.0.0.1:" + loginServer.getAddress().getPort();
            int code = cli.run(new String[] {"user12", "--login-url", url}, input("/quit\n"));

            assertThat(code).isZero();
            assertThat(lines(out)).startsWith("logged in as user12 (id 12) on 127.0.0.1:" + gateway.port());
        } finally {
            loginServer.stop(0);
        }
    }

    @Test
    void printsTheUsageAndExitsWith1WithoutAUser() {
        int code = cli.run(new String[0], input(""));

        assertThat(code).isEqualTo(ChatCli.EXIT_ERROR);
        assertThat(lines(err)[0]).isEqualTo("error: missing <user>");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ChatCli <user>");
    }

    @Test
    void withTlsAgainstAPlainGatewayItReportsTheFailedHandshakeAndExitsWith1() {
        int code = cli.run(args("user12", "--tls-insecure"), input("/quit\n"));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: tls handshake with 127.0.0.1:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMissingTrustFileIsAStartupError() {
        int code = cli.run(args("user12", "--tls-trust", "/nonexistent/ca.pem"), input("/quit\n"));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: cannot set up TLS");
    }

    private String[] args(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--host", "127.0.0.1", "--port", String.valueOf(gateway.port())}, 0,
                all, args.length, 4);
        return all;
    }

    private CompletableFuture<Integer> runInBackground(String[] args) throws IOException {
        stdin = new PipedWriter();
        BufferedReader in = new BufferedReader(new PipedReader(stdin));
        return CompletableFuture.supplyAsync(() -> cli.run(args, in));
    }

    private static BufferedReader input(String text) {
        return new BufferedReader(new StringReader(text));
    }

    private static String[] lines(ByteArrayOutputStream stream) {
        String text = stream.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\n");
    }

    private static HttpServer loginServerPointingAt(int port) throws IOException {
        String json = """
                {
                   "backupIP" : "127.0.0.1",
                   "code" : 0,
                   "msg" : "",
                   "port" : "%d",
                   "priorIP" : "127.0.0.1"
                }
                """.formatted(port);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/msg_server", exchange -> {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        server.start();
        return server;
    }
}
