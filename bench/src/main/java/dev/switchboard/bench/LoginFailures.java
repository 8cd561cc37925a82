package dev.switchboard.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The failed logins of a login phase and whether a run may go on after them: every scenario stops before it sends
 * (or measures) when more than {@code --max-login-failures} of its logins failed, printing {@link #line} through
 * {@link MeasurementFailure}. A measurement over the connections that happened to get in would be printed as if the
 * planned population had been driven (issue 16: 1,600 of 2,000 logins closed by a gateway's per-address limit, and a
 * "sustained rate" for the 400 left).
 *
 * @param planned      logins attempted
 * @param failed       logins that failed, whatever the reason
 * @param byKind       the failed logins by kind ({@link Fleet.Logins#failures()}: {@code closed_during_login}, ...)
 * @param serverClosed connections the gateways closed meanwhile, by reason
 *                     ({@code im_gateway_connections_closed_total{reason}}, delta over the login phase); null when
 *                     the bench drives servers it did not start
 */
record LoginFailures(long planned, long failed, Map<String, Long> byKind, Map<String, Long> serverClosed) {

    /** The failure kind of a connection the server closed before its login answer ({@link BenchConnection}). */
    static final String CLOSED_DURING_LOGIN = "closed_during_login";

    static final String CLOSED_DURING_LOGIN_HINT = "the server closed the connections during login: a gateway's"
            + " per-address connection limit (switchboard.gateway.max-connections-per-address, default 200;"
            + " im_gateway_connections_closed_total{reason=\"address_limit\"}) refuses more connections from one"
            + " address; lift it, e.g. ./switchboard local --service-property"
            + " msg-gateway:switchboard.gateway.max-connections-per-address=10000";

    static LoginFailures of(Fleet.Logins logins, long planned, Map<String, Long> serverClosed) {
        return new LoginFailures(planned, logins.failed(), logins.failures(), serverClosed);
    }

    /**
     * Whether more logins failed than {@code maxFraction} of those planned allows (0: any failure is too many).
     *
     * @param maxFraction the allowed fraction of failed logins, 0..1
     */
    boolean exceed(double maxFraction) {
        return failed > 0 && failed > maxFraction * planned;
    }

    /**
     * The one line a stopped run prints: how many of how many {@code what} (e.g. "logins", "base logins") failed,
     * the allowed fraction, the failures by kind, what the gateways said, and a hint for a kind that has one.
     */
    String line(String what, double maxFraction) {
        StringBuilder line = new StringBuilder(String.format("%d of %d %s failed (%s, more than"
                + " --max-login-failures %s allows) %s", failed, planned, what, percent((double) failed / planned),
                percent(maxFraction), byKind));
        if (serverClosed != null) {
            line.append("; the gateways closed connections by reason ").append(serverClosed);
        }
        if (byKind.containsKey(CLOSED_DURING_LOGIN)) {
            line.append(": ").append(CLOSED_DURING_LOGIN_HINT);
        }
        return line.toString();
    }

    /** The figures a stopped run writes to {@code summary.json}. */
    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("logins_planned", planned);
        figures.put("logins_failed", failed);
        figures.put("login_failures", byKind);
        figures.put("gateway_connections_closed", serverClosed);
        return figures;
    }

    /** {@code after - before} by key, the keys whose count changed only. */
    static Map<String, Long> delta(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((key, count) -> {
            long change = count - before.getOrDefault(key, 0L);
            if (change != 0) {
                delta.put(key, change);
            }
        });
        return delta;
    }

    private static String percent(double fraction) {
        double percent = fraction * 100;
        return (percent == Math.rint(percent) ? String.format("%.0f", percent) : String.format("%.1f", percent))
                + " %";
    }
}
