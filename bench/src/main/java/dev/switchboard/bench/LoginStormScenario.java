package dev.switchboard.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code login-storm}: while 1:1 messages flow between a base population spread over the gateways, a storm of other
 * users logs in as fast as it can; the moment each storm user's login answer arrives, a base user on another gateway
 * sends it a message ({@link FirstMessages}), and from then on the flowing messages go to storm users too. Every
 * acknowledged message must reach its online recipient, and every storm login must succeed: otherwise the run says
 * what failed and exits 1 ({@link MeasurementFailure}); the base logins may fail up to {@code --max-login-failures}.
 * Issue 15: a storm's ONLINE events queued the gateways' leases in {@code im.presence}, so route-service skipped
 * their users as on a dead gateway, and a user's ONLINE was applied after its IMLoginRes, so a message sent at once
 * was stored, not delivered.
 */
final class LoginStormScenario implements Scenario {

    /** What the options ask for, checked. */
    private record Settings(int users, int stormUsers, int gateways, double rate, double stormRate, Duration warmup,
                            Duration duration) {
    }

    @Override
    public String name() {
        return "login-storm";
    }

    @Override
    public String summary() {
        return "a login storm during 1:1 traffic: every storm user reachable at its login answer, nothing lost";
    }

    @Override
    public Options options() {
        return Context.clientType(new Options(name(), """
                A login storm while messages flow: --users base users log in (round-robin over --gateways) and
                send --rate 1:1 messages per second to random online users on other gateways (open loop, as p2p).
                After --warmup, --storm-users other users (user numbers after the base ones) log in as fast as
                --login-concurrency allows, or at --storm-login-rate, over the gateways. The moment each storm
                user's login answer arrives, a base user on another gateway sends it a message; the flowing
                messages go to storm users too once they are online. They keep flowing for --duration after the
                last storm login is answered, then the run drains. Every storm login must succeed and every
                acknowledged message must be delivered (lost = acknowledged, never delivered within --drain):
                otherwise it prints one line saying what failed and exits 1. The base logins may fail up to
                --max-login-failures (beyond it the run stops before the warmup). A local cluster gets users +
                storm-users demo users; with --servers, users up to user<users + storm-users> must exist.""")
                .option("users", "400", "base users, online before the storm, sending the messages")
                .option("storm-users", "2000", "users logging in during the storm")
                .option("gateways", "2", "gateways of the local cluster (with --servers: the servers given)")
                .option("rate", "200", "1:1 messages per second from the base users")
                .option("storm-login-rate", "max", "storm logins started per second; max: as fast as"
                        + " --login-concurrency allows, unless the first messages would then exceed the base users'"
                        + " per-connection cap")
                .option("duration", "10s", "how long the messages keep flowing after the storm")
                .option("warmup", "5s", "messages flowing before the storm"), "android");
    }

    @Override
    public Map<String, Object> run(Options options, Context context) {
        Settings settings = settings(options, context);
        MessagingRun.createDirectories(context.directory);
        Target.Request request = new Target.Request("cluster", settings.gateways(),
                settings.users() + settings.stormUsers(), "", List.of(), context.rateCap());
        Map<String, Object> summary = new LinkedHashMap<>();
        List<String> failures;
        try (Target target = context.open(request);
             Fleet fleet = context.fleet(new Stats());
             LatencyLog log = new LatencyLog(context.directory)) {
            summary.put("target", target.describe());
            failures = measure(settings, context, target, fleet, log, summary);
        }
        summary.put("out", context.directory.toString());
        if (!failures.isEmpty()) {
            throw new MeasurementFailure(String.join("; ", failures), summary);
        }
        return summary;
    }

    private static Settings settings(Options options, Context context) {
        int users = options.integer("users", 2, 1_000_000);
        int stormUsers = options.integer("storm-users", 1, 1_000_000);
        double rate = options.number("rate", 0.1);
        context.requireCapacity(rate, users);
        // first messages the base users can send per second besides --rate, half kept for bursts of login answers
        double spare = (users * (double) context.rateCap() - rate) / 2;
        if (spare < 1) {
            throw new IllegalArgumentException(String.format("--rate %.0f msgs/s leaves %d users no room under"
                    + " --rate-cap-per-connection %d for the first messages after login: raise --users or lower"
                    + " --rate", rate, users, context.rateCap()));
        }
        double stormRate = options.string("storm-login-rate").equals("max") ? Double.POSITIVE_INFINITY
                : options.number("storm-login-rate", 0.1);
        if (stormUsers > spare && stormRate > spare) {
            if (!options.string("storm-login-rate").equals("max")) {
                throw new IllegalArgumentException(String.format("--storm-login-rate %.0f/s would make the base"
                        + " users send more first messages than (%d users x %d msgs/s - --rate) / 2 = %.0f/s: raise"
                        + " --users or lower the rate", stormRate, users, context.rateCap(), spare));
            }
            stormRate = spare;
        }
        return new Settings(users, stormUsers, context.gateways(options.integer("gateways", 1, 64)), rate,
                stormRate, options.duration("warmup"), options.duration("duration"));
    }

    /**
     * Base logins, warmup, the storm with the messages flowing, the drain: the figures into {@code summary}.
     *
     * @return what failed, one phrase per kind; empty when the run passed
     */
    private static List<String> measure(Settings settings, Context context, Target target, Fleet fleet,
                                        LatencyLog log, Map<String, Object> summary) {
        List<Fleet.Planned> plan = Context.spread(target, settings.users() + settings.stormUsers());
        List<BenchConnection> base = loginBase(context, fleet, target, plan.subList(0, settings.users()));
        MessageTable table = new MessageTable(1);
        fleet.table(table);
        OnlineUsers online = new OnlineUsers(target.gateways().size(), base);
        FirstMessages first = new FirstMessages(table, base, target.gateways().size());
        MessageTable.Subset toStorm = table.subset();
        Optional<ClusterProbe> probe = target.probe();
        Optional<ServerSide> before = probe.map(ServerSide::read);
        Fleet.Logins storm;
        Window window;
        try (Traffic traffic = new Traffic(fleet.stats(), table, log, context.out)) {
            Traffic.Source source = traffic(base, online, table, toStorm);
            traffic.run(source, settings.rate(), settings.warmup(), Duration.ZERO, "warmup");
            CompletableFuture<Fleet.Logins> logins = storm(context, fleet, target,
                    plan.subList(settings.users(), plan.size()), settings.stormRate(), connection -> {
                        first.send(connection);
                        online.add(connection);
                    });
            window = traffic.run(source, settings.rate(), logins, settings.duration(), "storm");
            traffic.drain(context.drain());
            storm = logins.join();
        }
        summary.put("users", settings.users());
        summary.put("storm_users", settings.stormUsers());
        summary.put("storm_login_rate", Double.isInfinite(settings.stormRate()) ? null
                : Report.round(settings.stormRate(), 1));
        summary.put("offered_per_sec", Report.round(settings.rate(), 1));
        LoginStormReport.Outcomes outcomes = new LoginStormReport.Outcomes(table.outcome(), first.outcome(),
                toStorm.outcome());
        LoginStormReport.figures(summary, storm, window, outcomes, fleet.stats());
        ServerSide server = before.map(earlier -> ServerSide.read(probe.get()).minus(earlier)).orElse(null);
        summary.put("deliveries_skipped", server == null ? null : server.skipped());
        summary.put("logins_unconfirmed", server == null ? null : server.unconfirmed());
        summary.put("messages_dropped", server == null ? null : server.dropped());
        LoginStormReport.latencyFiles(context.directory, log, storm, window);
        return LoginStormReport.failures(storm, outcomes, server);
    }

    /**
     * Logs the base users in and waits until the server shows them online; stops the run before the warmup when more
     * than {@code --max-login-failures} of them failed ({@link Context#login(Fleet, Target, List, String)}).
     */
    private static List<BenchConnection> loginBase(Context context, Fleet fleet, Target target,
                                                   List<Fleet.Planned> plan) {
        Fleet.Logins logins = context.login(fleet, target, plan, "base logins");
        context.awaitOnline(logins.connections(), Duration.ofSeconds(60));
        context.awaitQuiet(fleet.stats(), Duration.ofSeconds(120));
        return logins.connections();
    }

    /**
     * Each message from the next base user (shuffled round-robin) to a random online user on another gateway; those
     * to storm users also go into {@code toStorm}.
     */
    private static Traffic.Source traffic(List<BenchConnection> base, OnlineUsers online, MessageTable table,
                                          MessageTable.Subset toStorm) {
        Set<BenchConnection> baseUsers = Collections.newSetFromMap(new IdentityHashMap<>());
        baseUsers.addAll(base);
        List<BenchConnection> senders = new ArrayList<>(base);
        Random random = new Random(42);
        Collections.shuffle(senders, random);
        long[] next = {0};
        return intended -> {
            BenchConnection from = senders.get((int) (next[0]++ % senders.size()));
            BenchConnection to = online.recipient(from, random);
            int toId = to.userId();
            long index = table.allocate();
            if (!baseUsers.contains(to)) {
                toStorm.add(index);
            }
            from.execute(() -> from.send(toId, false, index, intended));
        };
    }

    /** Starts the storm's logins on a thread of their own; completes when every one is answered. */
    private static CompletableFuture<Fleet.Logins> storm(Context context, Fleet fleet, Target target,
                                                         List<Fleet.Planned> plan, double rate,
                                                         Consumer<BenchConnection> onLogin) {
        CompletableFuture<Fleet.Logins> logins = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                logins.complete(context.login(fleet, target, plan, rate, onLogin));
            } catch (RuntimeException | Error e) {
                logins.completeExceptionally(e);
            }
        }, "bench-storm");
        thread.setDaemon(true);
        thread.start();
        return logins;
    }

    @Override
    public void table(Map<String, Object> summary, PrintStream out) {
        LoginStormReport.table(summary, out);
    }

    /**
     * What the gateways of a cluster the bench started counted meanwhile: message deliveries not written live
     * ({@code im_gateway_deliveries_skipped_total}), logins answered before presence held them
     * ({@code im_gateway_logins_unconfirmed_total}) and messages dropped without an ack, by reason
     * ({@code im_gateway_messages_dropped_total}).
     */
    record ServerSide(long skipped, long unconfirmed, Map<String, Long> dropped) {

        static ServerSide read(ClusterProbe probe) {
            return new ServerSide(Math.round(probe.gatewaySum("im_gateway_deliveries_skipped_total")),
                    Math.round(probe.gatewaySum("im_gateway_logins_unconfirmed_total")),
                    probe.gatewaySumByLabel("im_gateway_messages_dropped_total", "reason"));
        }

        ServerSide minus(ServerSide before) {
            Map<String, Long> delta = new java.util.TreeMap<>();
            dropped.forEach((reason, count) -> {
                long d = count - before.dropped.getOrDefault(reason, 0L);
                if (d != 0) {
                    delta.put(reason, d);
                }
            });
            return new ServerSide(skipped - before.skipped, unconfirmed - before.unconfirmed, delta);
        }
    }
}
