package dev.switchboard.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The line a failed {@code login-storm} run prints, from what became of its logins and messages. */
class LoginStormReportTest {

    private final MessageTable table = new MessageTable(1);
    private final MessageTable.Subset first = table.subset();
    private final MessageTable.Subset toStorm = table.subset();

    @Test
    void aRunWhereEveryLoginSucceededAndEveryMessageArrivedHasNoFailure() {
        send(first, true, true);
        send(toStorm, true, true);
        send(null, true, true);

        assertThat(LoginStormReport.failures(logins(2, Map.of()), outcomes(),
                new LoginStormScenario.ServerSide(0, 0, Map.of()))).isEmpty();
    }

    @Test
    void saysHowManyMessagesOfEachKindWereLostAndWhatTheGatewaysSkipped() {
        send(first, true, false);
        send(first, true, true);
        send(toStorm, true, false);
        send(null, true, true);
        send(null, true, false);
        send(null, false, false);

        List<String> failures = LoginStormReport.failures(logins(2, Map.of()), outcomes(),
                new LoginStormScenario.ServerSide(3, 1, Map.of("rate_limited", 1L)));

        assertThat(failures).containsExactly(
                "messages lost (acknowledged, never delivered to their online recipient): 1 of 2 first messages after"
                        + " login (sent at the storm user's login answer), 1 of 1 flowing messages to storm users, 1"
                        + " of 3 flowing messages between base users",
                "1 of 6 messages never acknowledged by the server (the gateways dropped {rate_limited=1})",
                "the gateways skipped 3 live deliveries (im_gateway_deliveries_skipped_total)",
                "1 logins were answered before presence held them (im_gateway_logins_unconfirmed_total)");
    }

    @Test
    void saysHowManyStormLoginsFailedAndOfWhichKind() {
        send(first, true, true);

        List<String> failures = LoginStormReport.failures(logins(1, Map.of("login_timeout", 2L)), outcomes(), null);

        assertThat(failures).containsExactly("2 of 3 storm logins failed {login_timeout=2}");
    }

    @Test
    void hintsAtTheAddressLimitWhenTheServerClosedStormLoginsDuringLogin() {
        send(first, true, true);

        List<String> failures = LoginStormReport.failures(logins(1, Map.of("closed_during_login", 4L)), outcomes(),
                null);

        assertThat(failures).containsExactly("4 of 5 storm logins failed {closed_during_login=4} ("
                + LoginFailures.CLOSED_DURING_LOGIN_HINT + ")");
    }

    /** One message of {@code kind} (null: between base users), acknowledged and delivered or not. */
    private void send(MessageTable.Subset kind, boolean acked, boolean delivered) {
        long index = table.allocate();
        if (kind != null) {
            kind.add(index);
        }
        if (acked) {
            table.acknowledge(index);
        }
        if (delivered) {
            table.deliver(index, false);
        }
    }

    private LoginStormReport.Outcomes outcomes() {
        return new LoginStormReport.Outcomes(table.outcome(), first.outcome(), toStorm.outcome());
    }

    private static Fleet.Logins logins(int ok, Map<String, Long> failures) {
        List<BenchConnection> connections = Collections.nCopies(ok, null);
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        return new Fleet.Logins(connections, failed, 1.0, new Histogram(3), failures);
    }
}
