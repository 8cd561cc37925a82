package dev.switchboard.e2e;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** TeamTalk login_server's {@code GET /msg_server}, byte for byte in the format its clients parse. */
class LoginServerTest {

    private final Cluster cluster = Cluster.get();

    @Test
    void answersWithALiveGatewayInLoginServersExactJson() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + cluster.httpPort() + "/msg_server")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.toLowerCase()).startsWith("text/html").contains("charset=utf-8"));
        String port = response.body().replaceAll("(?s).*\"port\" : \"(\\d+)\".*", "$1");
        assertThat(Set.of(cluster.gatewayPort(0), cluster.gatewayPort(1), cluster.gatewayPort(2)))
                .contains(Integer.parseInt(port));
        assertThat(response.body()).isEqualTo("""
                {
                   "backupIP" : "127.0.0.1",
                   "code" : 0,
                   "discovery" : "http://127.0.0.1/api/discovery",
                   "msfsBackup" : "http://127.0.0.1:8700/",
                   "msfsPrior" : "http://127.0.0.1:8700/",
                   "msg" : "",
                   "port" : "%s",
                   "priorIP" : "127.0.0.1"
                }
                """.formatted(port));
    }
}
