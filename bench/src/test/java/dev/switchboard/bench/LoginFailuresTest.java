package dev.switchboard.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a run stops after its logins, and the line it then prints (issue 16). */
class LoginFailuresTest {

    @Test
    void stopsWhenMoreLoginsFailedThanTheAllowedFraction() {
        LoginFailures failures = LoginFailures.of(logins(1980, Map.of("login_timeout", 21L)), 2001, null);

        assertThat(failures.exceed(0.01)).isTrue();
        assertThat(failures.exceed(0.02)).isFalse();
    }

    @Test
    void goesOnWithFailuresUpToTheAllowedFractionAndStopsOnAnyWhenNoneIsAllowed() {
        LoginFailures oneInAHundred = LoginFailures.of(logins(99, Map.of("login_timeout", 1L)), 100, null);
        LoginFailures none = LoginFailures.of(logins(100, Map.of()), 100, null);

        assertThat(oneInAHundred.exceed(0.01)).isFalse();
        assertThat(oneInAHundred.exceed(0)).isTrue();
        assertThat(none.exceed(0)).isFalse();
    }

    @Test
    void saysHowManyLoginsFailedWhyWhatTheGatewaysClosedAndHowToLiftTheAddressLimit() {
        LoginFailures failures = LoginFailures.of(logins(400, Map.of("closed_during_login", 1600L)), 2000,
                Map.of("address_limit", 1600L));

        assertThat(failures.line("logins", 0.01)).isEqualTo("1600 of 2000 logins failed (80 %, more than"
                + " --max-login-failures 1 % allows) {closed_during_login=1600}; the gateways closed connections by"
                + " reason {address_limit=1600}: the server closed the connections during login: a gateway's"
                + " per-address connection limit (switchboard.gateway.max-connections-per-address, default 200;"
                + " im_gateway_connections_closed_total{reason=\"address_limit\"}) refuses more connections from one"
                + " address; lift it, e.g. ./switchboard local --service-property"
                + " msg-gateway:switchboard.gateway.max-connections-per-address=10000");
    }

    @Test
    void saysOnlyTheFailureKindsWithoutAProbeOrAHint() {
        LoginFailures failures = LoginFailures.of(logins(395, Map.of("login_rejected_6", 3L, "login_timeout", 2L)),
                400, null);

        assertThat(failures.line("base logins", 0.005)).isEqualTo("5 of 400 base logins failed (1.3 %, more than"
                + " --max-login-failures 0.5 % allows) {login_rejected_6=3, login_timeout=2}");
    }

    @Test
    void writesThePlannedAndFailedLoginsAndTheGatewaysClosesToTheSummary() {
        LoginFailures failures = LoginFailures.of(logins(1, Map.of("closed_during_login", 1L)), 2,
                LoginFailures.delta(Map.of("address_limit", 5L, "idle", 2L), Map.of("address_limit", 4L, "idle", 2L)));

        assertThat(failures.figures()).containsExactly(Map.entry("logins_planned", 2L),
                Map.entry("logins_failed", 1L), Map.entry("login_failures", Map.of("closed_during_login", 1L)),
                Map.entry("gateway_connections_closed", Map.of("address_limit", 1L)));
    }

    private static Fleet.Logins logins(int ok, Map<String, Long> failures) {
        List<BenchConnection> connections = Collections.nCopies(ok, null);
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        return new Fleet.Logins(connections, failed, 1.0, new Histogram(3), new java.util.TreeMap<>(failures));
    }
}
