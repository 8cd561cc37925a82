package dev.switchboard.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatReq;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatRsp;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What every scenario shares: the common options (target, users, per-connection cap, logins, drain), the run's out
 * directory and console, and the steps every scenario takes (open the target, log the users in, wait until the
 * server sees them online).
 */
final class Context {

    /** TeamTalk's msg_server drops a connection's messages above 20 per second (MAX_MSG_CNT_PER_SECOND). */
    static final int TEAMTALK_RATE_CAP = 20;
    private static final int USERS_PER_STATUS_REQUEST = 1000;

    final PrintStream out;
    final Path directory;
    private final Options options;
    private final Target.Factory localTargets;

    Context(PrintStream out, Path directory, Options options, Target.Factory localTargets) {
        this.out = out;
        this.directory = directory;
        this.options = options;
        this.localTargets = localTargets;
    }

    /** Declares the options every scenario has. */
    static Options common(Options options) {
        return options
                .option("servers", "", "drive these TeamTalk msg_servers (host:port,host:port) instead of starting"
                        + " a local Switchboard cluster; Switchboard-only figures are then null")
                .option("user-pattern", "user%d", "with --servers: user names, %d numbered from --first-user")
                .option("first-user", "1", "with --servers: number of the first user")
                .option("password", LocalTarget.PASSWORD, "with --servers: every user's password")
                .option("rate-cap-per-connection", String.valueOf(TEAMTALK_RATE_CAP),
                        "most messages/s one connection sends (TeamTalk msg_server and Switchboard's gateway"
                                + " drop above 20)")
                .option("threads", "0", "event loop threads of the generator (0: one per core)")
                .option("login-rate", "2000", "logins started per second")
                .option("login-concurrency", "500", "most logins under way at once")
                .option("login-timeout", "30s", "how long one connect + login may take")
                .option("max-login-failures", "0.01", "the fraction of logins that may fail (0: none) before the"
                        + " run stops, before sending, with one line saying how many failed and why (exit code 1)")
                .option("drain", "15s", "after sending, how long to wait for the last acks and deliveries")
                .option("startup-timeout", "240s", "local cluster: how long it may take to start")
                .option("out", "", "directory for the results (default <home>/target/bench/<scenario>-<time>)")
                .option("home", ".", "repository root holding the built service jars (./switchboard passes it)");
    }

    boolean external() {
        return !options.string("servers").isBlank();
    }

    int rateCap() {
        return options.integer("rate-cap-per-connection", 1, 1_000_000);
    }

    int threads() {
        return options.integer("threads", 0, 1024);
    }

    /** Declares {@code --client-type} with a scenario's default. */
    static Options clientType(Options options, String defaultType) {
        return options.option("client-type", defaultType, "what the connections log in as: pc (gets every PC"
                + " login's status notice, as in TeamTalk), android or ios (no status notices)");
    }

    ClientType clientType() {
        return switch (options.string("client-type")) {
            case "pc" -> ClientType.CLIENT_TYPE_WINDOWS;
            case "android" -> ClientType.CLIENT_TYPE_ANDROID;
            case "ios" -> ClientType.CLIENT_TYPE_IOS;
            default -> throw new IllegalArgumentException("--client-type: '" + options.string("client-type")
                    + "' (expected: pc, android or ios)");
        };
    }

    /** A fleet with the common options' threads and client type. */
    Fleet fleet(Stats stats) {
        return new Fleet(threads(), stats, clientType());
    }

    Duration drain() {
        return options.duration("drain");
    }

    /** The external servers, or a local cluster for {@code request}. */
    Target open(Target.Request request) {
        if (external()) {
            return new ExternalTarget(ExternalTarget.parseServers(options.string("servers")),
                    options.string("user-pattern"), options.integer("first-user", 0, Integer.MAX_VALUE - 1),
                    options.string("password"));
        }
        return localTargets.open(request);
    }

    /** How many gateways a scenario gets: the servers given, or {@code local} for a local cluster. */
    int gateways(int local) {
        return external() ? ExternalTarget.parseServers(options.string("servers")).size() : local;
    }

    /** Rejects a rate that the connections cannot send under the per-connection cap. */
    void requireCapacity(double rate, int connections) {
        long capacity = (long) connections * rateCap();
        if (rate > capacity) {
            throw new IllegalArgumentException(String.format("--rate %.0f msgs/s is more than %d connections x"
                    + " %d msgs/s per connection (--rate-cap-per-connection) = %d: raise the users or members, or"
                    + " lower the rate", rate, connections, rateCap(), capacity));
        }
    }

    /** {@code users} connections, user slot i on gateway i % gateways, no source binding. */
    static List<Fleet.Planned> spread(Target target, int users) {
        List<InetSocketAddress> gateways = target.gateways();
        List<Fleet.Planned> plan = new ArrayList<>(users);
        for (int slot = 0; slot < users; slot++) {
            int gateway = slot % gateways.size();
            plan.add(new Fleet.Planned(target.userName(slot), gateway, gateways.get(gateway), null));
        }
        return plan;
    }

    /** The fraction of logins that may fail ({@code --max-login-failures}). */
    double maxLoginFailures() {
        double fraction = options.number("max-login-failures", 0);
        if (fraction > 1) {
            throw new IllegalArgumentException("--max-login-failures: " + fraction + " (expected: a fraction"
                    + " from 0 to 1, e.g. 0.01 for 1 %)");
        }
        return fraction;
    }

    /** {@link #login(Fleet, Target, List, String)} of "logins". */
    Fleet.Logins login(Fleet fleet, Target target, List<Fleet.Planned> plan) {
        return login(fleet, target, plan, "logins");
    }

    /**
     * Logs the plan in with the common login options, printing progress and the outcome; stops the run
     * ({@link MeasurementFailure}, one line from {@link LoginFailures#line}) when more than
     * {@code --max-login-failures} of them failed. For a cluster the bench started the line also gives the
     * connections its gateways closed meanwhile, by reason.
     *
     * @param what what the plan's logins are called in that line ("logins", "base logins")
     */
    Fleet.Logins login(Fleet fleet, Target target, List<Fleet.Planned> plan, String what) {
        double maxFailures = maxLoginFailures();
        Optional<ClusterProbe> probe = target.probe();
        Map<String, Long> closedBefore = probe.map(Context::connectionsClosed).orElse(null);
        Fleet.Logins logins = login(fleet, target, plan, options.number("login-rate", 1), connection -> { });
        if (logins.failed() == 0) {
            return logins;
        }
        LoginFailures failures = LoginFailures.of(logins, plan.size(),
                probe.map(p -> LoginFailures.delta(connectionsClosed(p), closedBefore)).orElse(null));
        if (failures.exceed(maxFailures)) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("target", target.describe());
            figures.putAll(failures.figures());
            throw new MeasurementFailure(failures.line(what, maxFailures), figures);
        }
        return logins;
    }

    /** The connections the gateways closed so far, by reason ({@code im_gateway_connections_closed_total}). */
    private static Map<String, Long> connectionsClosed(ClusterProbe probe) {
        return probe.gatewaySumByLabel("im_gateway_connections_closed_total", "reason");
    }

    /**
     * Logs the plan in at {@code loginsPerSecond} (infinite: no pacing) with the common concurrency and timeout,
     * handing each connection to {@code onLogin} as its login answer arrives ({@link Fleet#login}), printing progress
     * and the outcome.
     */
    Fleet.Logins login(Fleet fleet, Target target, List<Fleet.Planned> plan, double loginsPerSecond,
                       Consumer<BenchConnection> onLogin) {
        out.printf("logging in %d users %s%n", plan.size(), Double.isInfinite(loginsPerSecond)
                ? "as fast as --login-concurrency allows" : String.format("at %.0f/s", loginsPerSecond));
        Fleet.Logins logins;
        try (Ticker ignored = new Ticker(out, elapsed -> String.format("[%6.1fs] login    logged in %8d  failed %6d",
                elapsed, fleet.loggedIn.sum(), fleet.loginsFailed.sum()))) {
            logins = fleet.login(plan, target.password(), loginsPerSecond,
                    options.integer("login-concurrency", 1, 1_000_000), options.duration("login-timeout"), onLogin);
        }
        out.printf("logged in %d of %d in %.1f s (%.0f/s), p99 %.1f ms, failed %d %s%n", logins.connections().size(),
                plan.size(), logins.seconds(), logins.connections().size() / logins.seconds(),
                logins.latencies().getValueAtPercentile(99) / 1000.0, logins.failed(), logins.failures());
        return logins;
    }

    /**
     * Asks the server (users-status requests from one connection, TeamTalk's 0x020a) until every connection's user
     * shows online: presence travels through Kafka in Switchboard, and a message to a user not yet known online is
     * stored, not delivered. Gives up after {@code timeout} with a warning.
     */
    void awaitOnline(List<BenchConnection> connections, Duration timeout) {
        BenchConnection asker = connections.get(0);
        Set<Integer> waiting = new HashSet<>();
        connections.forEach(connection -> waiting.add(connection.userId()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            List<Integer> ids = new ArrayList<>(waiting);
            for (int from = 0; from < ids.size(); from += USERS_PER_STATUS_REQUEST) {
                IMUsersStatReq request = IMUsersStatReq.newBuilder().setUserId(asker.userId())
                        .addAllUserIdList(ids.subList(from, Math.min(ids.size(), from + USERS_PER_STATUS_REQUEST)))
                        .build();
                try {
                    IMUsersStatRsp response = IMUsersStatRsp.parser().parsePartialFrom(asker.request(
                            ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_REQUEST_VALUE,
                            request).get(10, TimeUnit.SECONDS).body());
                    for (UserStat stat : response.getUserStatListList()) {
                        if (stat.getStatus() == UserStatType.USER_STATUS_ONLINE) {
                            waiting.remove(stat.getUserId());
                        }
                    }
                } catch (InvalidProtocolBufferException | ExecutionException | TimeoutException e) {
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!waiting.isEmpty()) {
                sleep(200);
            }
        }
        if (!waiting.isEmpty()) {
            out.printf("warning: %d users still not online after %s; messages to them may be stored, not delivered%n",
                    waiting.size(), timeout);
        }
    }

    /**
     * Waits until no notice has arrived for a second (at most {@code timeout}): every PC login makes the server send
     * a status notice to every PC connection (TeamTalk does), so N logins bring N x N notices that would otherwise
     * share the measured window with the messages.
     */
    void awaitQuiet(Stats stats, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = stats.notices.sum();
            if (now == last) {
                break;
            }
            last = now;
            sleep(1000);
        }
        out.printf("%d notices received while logging in%n", stats.notices.sum());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
