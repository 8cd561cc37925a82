package dev.switchboard.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalOptionsTest {

    @Test
    void noArgumentsGiveTheDefaults() {
        LocalOptions options = LocalOptions.parse();

        assertThat(options.gateways()).isEqualTo(2);
        assertThat(options.gatewayPort()).isEqualTo(8000);
        assertThat(options.gatewayPorts()).containsExactly(8000, 8001);
        assertThat(options.httpPort()).isEqualTo(8080);
        assertThat(options.kafkaPort()).isZero();
        assertThat(options.redisPort()).isZero();
        assertThat(options.demoUsers()).isEqualTo(100);
        assertThat(options.home()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.help()).isFalse();
        assertThat(options).isEqualTo(LocalOptions.defaults());
    }

    @Test
    void parsesEveryOptionWithSeparateValues() {
        LocalOptions options = LocalOptions.parse("--gateways", "3", "--gateway-port", "9000", "--http-port", "9080",
                "--kafka-port", "19092", "--redis-port", "16379", "--demo-users", "5", "--home", "/tmp/sb",
                "--startup-timeout", "30");

        assertThat(options.gateways()).isEqualTo(3);
        assertThat(options.gatewayPorts()).containsExactly(9000, 9001, 9002);
        assertThat(options.httpPort()).isEqualTo(9080);
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.redisPort()).isEqualTo(16379);
        assertThat(options.demoUsers()).isEqualTo(5);
        assertThat(options.home()).isEqualTo(Path.of("/tmp/sb"));
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void scalesRouteAndPresenceServices() {
        LocalOptions defaults = LocalOptions.parse();
        assertThat(defaults.routeServices()).isOne();
        assertThat(defaults.presenceServices()).isOne();
        assertThat(defaults.httpPorts()).containsExactly(8080);

        LocalOptions options = LocalOptions.parse("--route-services", "3", "--presence-services=2");

        assertThat(options.routeServices()).isEqualTo(3);
        assertThat(options.presenceServices()).isEqualTo(2);
        assertThat(options.httpPorts()).containsExactly(8080, 8081);
        assertThat(options.fixedPorts()).containsEntry("presence-service-1 http (--http-port + 1)", 8081);
        assertThat(options.withInstances(1, 4).httpPorts()).containsExactly(8080, 8081, 8082, 8083);
    }

    @Test
    void rejectsImpossibleInstanceCounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--route-services", "0"))
                .withMessage("--route-services: 0 (expected: a number from 1 to 16)");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--presence-services", "many"))
                .withMessage("--presence-services: 'many' (expected: a number from 1 to 16)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalOptions.parse("--presence-services", "2", "--http-port", "8001"))
                .withMessage("port 8001 is used twice: by gw-1 (--gateway-port) and by login http (--http-port)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalOptions.parse("--presence-services", "3", "--gateways", "3",
                        "--gateway-port", "8081"))
                .withMessage("port 8081 is used twice: by gw-0 (--gateway-port) and by presence-service-1 http "
                        + "(--http-port + 1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalOptions.parse("--presence-services", "2", "--http-port", "65535"))
                .withMessage("--http-port: 65535 (expected: a number from 1 to 65435)");
    }

    @Test
    void parsesNameEqualsValueForm() {
        LocalOptions options = LocalOptions.parse("--gateways=4", "--http-port=8090", "--home=/tmp/a/../b");

        assertThat(options.gateways()).isEqualTo(4);
        assertThat(options.httpPort()).isEqualTo(8090);
        assertThat(options.home()).isEqualTo(Path.of("/tmp/b"));
    }

    @Test
    void takesAnAdminTokenAndNeverShowsItInToString() {
        LocalOptions options = LocalOptions.parse("--admin-token", "s3cret-token");

        assertThat(options.adminToken()).isEqualTo("s3cret-token");
        assertThat(options.toString()).doesNotContain("s3cret-token");
        assertThat(LocalOptions.parse().adminToken()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--admin-token", "a b"))
                .withMessageContaining("--admin-token");
    }

    @Test
    void takesAPostgresUrlNeverShowsItAndRefusesOneThatIsNotJdbc() {
        String url = "jdbc:postgresql://db:5432/switchboard?user=sb&password=pg-s3cret";
        LocalOptions options = LocalOptions.parse("--postgres-url", url);

        assertThat(options.postgresUrl()).isEqualTo(url);
        assertThat(options.toString()).doesNotContain("pg-s3cret");
        assertThat(options.withGateways(3).postgresUrl()).isEqualTo(url);
        assertThat(LocalOptions.parse().postgresUrl()).as("empty: the embedded one").isEmpty();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalOptions.parse("--postgres-url", "postgresql://db:5432/switchboard"))
                .withMessageContaining("--postgres-url: expected jdbc:postgresql://");
        assertThat(Banner.withoutPassword(url)).isEqualTo("jdbc:postgresql://db:5432/switchboard?user=sb&password=***");
        assertThat(LocalOptions.usage()).contains("--postgres-url URL");
    }

    @Test
    void helpWinsOverNothingElse() {
        assertThat(LocalOptions.parse("--help").help()).isTrue();
        assertThat(LocalOptions.parse("--gateways", "3", "-h").help()).isTrue();
        assertThat(LocalOptions.usage()).contains("--gateways N", "--gateway-port P", "--http-port P",
                "--kafka-port P", "--redis-port P", "--demo-users N", "--home DIR", "--help", "--route-services N",
                "--presence-services N", "kill NAME", "stop NAME", "start NAME", "restart NAME", "status");
    }

    @Test
    void rejectsANumberThatIsNotANumber() {
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--gateways", "two"))
                .withMessage("--gateways: 'two' (expected: a number from 1 to 64)");
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--gateways", "0"))
                .withMessage("--gateways: 0 (expected: a number from 1 to 64)");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--http-port", "70000"))
                .withMessage("--http-port: 70000 (expected: a number from 1 to 65535)");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--demo-users", "-1"))
                .withMessageStartingWith("--demo-users: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--startup-timeout", "0"))
                .withMessageStartingWith("--startup-timeout: 0");
    }

    @Test
    void rejectsGatewayPortsBeyondTheLastPort() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalOptions.parse("--gateways", "3", "--gateway-port", "65534"))
                .withMessage("--gateway-port: 65534 (expected: a number from 1 to 64533)");
    }

    @Test
    void rejectsAPortUsedTwice() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalOptions.parse("--gateways", "3", "--gateway-port", "8079"))
                .withMessage("port 8080 is used twice: by gw-1 (--gateway-port) and by login http (--http-port)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalOptions.parse("--kafka-port", "7000", "--redis-port", "7000"))
                .withMessage("port 7000 is used twice: by kafka (--kafka-port) and by redis (--redis-port)");
    }

    @Test
    void rejectsUnknownOptionsStrayArgumentsAndMissingValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--gatways", "3"))
                .withMessage("unknown option: --gatways (see --help)");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("3"))
                .withMessage("unexpected argument: 3 (see --help)");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--http-port"))
                .withMessage("--http-port: missing value (see --help)");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--home", "--gateways", "3"))
                .withMessage("--home: missing value (see --help)");
    }

    @Test
    void listsEveryFixedPortByItsUser() {
        LocalOptions options = LocalOptions.parse("--gateways", "2", "--redis-port", "6390");

        assertThat(options.fixedPorts()).containsExactly(
                Map.entry("gw-0 (--gateway-port)", 8000), Map.entry("gw-1 (--gateway-port)", 8001),
                Map.entry("login http (--http-port)", 8080),
                Map.entry("gw-0 metrics (--gateway-port + 1000)", 9000),
                Map.entry("gw-1 metrics (--gateway-port + 1000)", 9001),
                Map.entry("route-service metrics (--http-port + 100)", 8180), Map.entry("redis (--redis-port)", 6390));
    }

    @Test
    void parsesServiceTuningAndRejectsUnknownRouteModesAndServices() {
        LocalOptions options = LocalOptions.parse("--route-mode", "targeted", "--gateway-jvm-opts=-Xmx1g",
                "--service-property", "msg-gateway:switchboard.gateway.messages-per-second=100");

        assertThat(options.tuning()).isEqualTo(new ServiceTuning("targeted", List.of("-Xmx1g"),
                List.of("msg-gateway:switchboard.gateway.messages-per-second=100")));
        assertThat(LocalOptions.parse().tuning()).isEqualTo(ServiceTuning.NONE);
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--route-mode", "fanout"))
                .withMessageContaining("--route-mode: fanout");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalOptions.parse("--service-property", "db:a=1"))
                .withMessageContaining("SERVICE:KEY=VALUE");
    }
}
