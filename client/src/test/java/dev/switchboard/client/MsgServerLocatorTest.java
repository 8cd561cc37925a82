package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

class MsgServerLocatorTest {

    /** login_server's success answer: jsoncpp styled output, sorted keys, 3-space indent, port as a string. */
    private static final String SUCCESS = """
            {
               "backupIP" : "10.0.0.2",
               "code" : 0,
               "discovery" : "http://127.0.0.1/api/discovery",
               "msfsBackup" : "http://127.0.0.1:8700/",
               "msfsPrior" : "http://127.0.0.1:8700/",
               "msg" : "",
               "port" : "8000",
               "priorIP" : "10.0.0.1"
            }
            """;

    private static final String NO_MSG_SERVER = """
            {
               "code" : 1,
               "msg" : "没有msg_server"
            }
            """;

    private final List<String> requestedPaths = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile String body = SUCCESS;

    @BeforeEach
    void startLoginServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requestedPaths.add(exchange.getRequestURI().getPath());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.getResponseHeaders().add("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopLoginServer() {
        server.stop(0);
    }

    @Test
    void readsPriorIpBackupIpAndTheStringPortFromTeamTalksAnswer() throws IOException {
        MsgServerAddress address = locator("/msg_server").locate();

        assertThat(address).isEqualTo(new MsgServerAddress("10.0.0.1", "10.0.0.2", 8000));
        assertThat(requestedPaths).containsExactly("/msg_server");
    }

    @Test
    void asksForMsgServerWhenGivenOnlyTheLoginServersAddress() throws IOException {
        locator("").locate();

        assertThat(requestedPaths).containsExactly("/msg_server");
    }

    @Test
    void throwsTheServersMessageWhenItHasNoMsgServer() {
        body = NO_MSG_SERVER;

        assertThatThrownBy(() -> locator("/msg_server").locate())
                .isInstanceOfSatisfying(MsgServerUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.serverMessage()).isEqualTo("没有msg_server");
                })
                .hasMessage("login server has no msg_server: code=1 msg=没有msg_server");
    }

    @Test
    void throwsWhenTheAnswerIsNotTeamTalksJson() {
        body = "<html>hello</html>";

        assertThatThrownBy(() -> locator("/msg_server").locate())
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("login server answer has no code");
    }

    @Test
    void decodesEscapesAndAcceptsANumericPort() throws IOException {
        String json = "{\"backupIP\":\"b\",\"code\":0,\"msg\":\"\\u8d1f\\u8f7d \\\"x\\\"\",\"port\":8001,\"priorIP\":\"a\"}";

        assertThat(MsgServerLocator.parse(json)).isEqualTo(new MsgServerAddress("a", "b", 8001));
        assertThat(MsgServerLocator.field(json, "msg")).contains("负载 \"x\"");
    }

    private MsgServerLocator locator(String path) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new MsgServerLocator(uri, Duration.ofSeconds(5));
    }
}
