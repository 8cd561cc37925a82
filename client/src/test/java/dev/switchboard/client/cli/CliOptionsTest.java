package dev.switchboard.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

class CliOptionsTest {

    @Test
    void defaultsToTeamTalksSamplePasswordAndALocalGateway() {
        CliOptions options = CliOptions.parse("user1");

        assertThat(options).isEqualTo(
                new CliOptions("user1", "123456", "127.0.0.1", 8000, Optional.empty(), false, false, false,
                        Optional.empty(), false));
    }

    @Test
    void readsEveryOptionInAnyOrder() {
        CliOptions options = CliOptions.parse("--mobile", "--port", "9000", "user2", "--password", "pw",
                "--host", "gw", "--login-url", "http://login:8080");

        assertThat(options).isEqualTo(new CliOptions("user2", "pw", "gw", 9000,
                Optional.of(URI.create("http://login:8080")), true, false, false, Optional.empty(), false));
    }

    @Test
    void readsTheTlsOptionsEachOfWhichTurnsTlsOn() {
        assertThat(CliOptions.parse("u", "--tls").tls()).isTrue();
        CliOptions trusting = CliOptions.parse("u", "--tls-trust", "ca.pem");
        assertThat(trusting.tls()).isTrue();
        assertThat(trusting.tlsTrust()).contains(Path.of("ca.pem"));
        CliOptions insecure = CliOptions.parse("--tls-insecure", "u");
        assertThat(insecure.tls()).isTrue();
        assertThat(insecure.tlsInsecure()).isTrue();
        assertThat(CliOptions.parse("u").tls()).isFalse();
        assertThatThrownBy(() -> CliOptions.parse("u", "--tls-trust", "ca.pem", "--tls-insecure"))
                .hasMessage("--tls-trust and --tls-insecure exclude each other");
    }

    @Test
    void rejectsAMissingUserAnUnknownOptionAndABadPort() {
        assertThatThrownBy(CliOptions::parse).hasMessage("missing <user>");
        assertThatThrownBy(() -> CliOptions.parse("u", "--verbose")).hasMessage("unknown option: --verbose");
        assertThatThrownBy(() -> CliOptions.parse("u", "--port", "70000"))
                .hasMessage("--port: 70000 (expected: 1..65535)");
        assertThatThrownBy(() -> CliOptions.parse("u", "--password")).hasMessage("--password needs a value");
        assertThatThrownBy(() -> CliOptions.parse("u", "--login-url", "login:8080"))
                .hasMessage("--login-url: login:8080 (expected: http://host:port)");
    }
}
