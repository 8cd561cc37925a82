package dev.switchboard.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

class CliOptionsTest {

    @Test
    void defaultsToTeamTalksSamplePasswordAndALocalGateway() {
        CliOptions options = CliOptions.parse("user1");

        assertThat(options).isEqualTo(
                new CliOptions("user1", "123456", "127.0.0.1", 8000, Optional.empty(), false, false));
    }

    @Test
    void readsEveryOptionInAnyOrder() {
        CliOptions options = CliOptions.parse("--mobile", "--port", "9000", "user2", "--password", "pw",
                "--host", "gw", "--login-url", "http://login:8080");

        assertThat(options).isEqualTo(new CliOptions("user2", "pw", "gw", 9000,
                Optional.of(URI.create("http://login:8080")), true, false));
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
