package dev.switchboard.local;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.embedded.EmbeddedPostgresServer;
import dev.switchboard.embedded.FreePorts;
import dev.switchboard.local.FailoverTraffic.Acked;
import dev.switchboard.local.FailoverTraffic.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failure suite: real processes only. A standalone Kafka broker (KRaft) process, a {@code redis-server} process
 * with append-only persistence, 2 presence-service, 2 route-service and 3 msg-gateway processes from the services'
 * boot jars. 30 users spread over the 3 gateways chat in a ring at a modest rate while, in turn, a gateway is killed
 * (-9), a route-service instance, a presence-service instance, Redis is killed and restarted on the same data, and
 * the Kafka broker is killed and restarted. Then every acknowledged message must be in its recipient's history
 * exactly once, have reached the recipient live or by its pull after reconnecting, and the killed gateway's users must
 * have read offline within the lease. The figures are printed in a block marked {@code FAILOVER FIGURES}.
 *
 * <p>Logs stay in {@code local/target/failover} (services in {@code logs/}, the broker in {@code kafka/broker.log},
 * Redis in {@code redis/redis.log}).
 */
class FailoverSuiteTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "failover").toAbsolutePath();
    private static final int USERS = 30;
    private static final int OBSERVER = USERS + 1;
    private static final int MESSAGES_PER_SECOND = 30;
    private static final int PARTITIONS = 4;
    /**
     * The gateways' default lease (8 s, renewed every 2 s): a killed gateway's users must read offline within
     * 10 s of the kill (the target), plus 1 s for the poll that observes it.
     */
    private static final Duration PURGE_BOUND = Duration.ofSeconds(11);
    /** The services run with their defaults (a killed consumer's partitions move after the 10 s session timeout). */
    private static final List<String> SERVICE_ARGUMENTS = List.of();

    private final Map<String, String> timeline = new LinkedHashMap<>();
    private FailoverTraffic traffic;
    private final Instant begin = Instant.now();

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void nothingAcknowledgedIsLostWhicheverProcessDies() throws Exception {
        deleteRecursively(WORK);
        Map<String, Path> jars = serviceJars();
        int kafkaPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        int redisPort = FreePorts.next();
        // gateways p..p+2 (metrics +1000), presence HTTP p+3, p+4 (route metrics p+103, p+104)
        int gatewayPort = FreePorts.base(3, 3, 103, 1000);
        int httpPort = gatewayPort + 3;
        LocalOptions options = new LocalOptions(3, gatewayPort, httpPort, kafkaPort, redisPort, OBSERVER, REPOSITORY,
                Duration.ofSeconds(150), false).withInstances(2, 2);

        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.format(kafkaPort, controllerPort, PARTITIONS,
                WORK.resolve("kafka"));
             RedisProcess redis = new RedisProcess(redisPort, WORK.resolve("redis"));
             EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
            kafka.start();
            redis.start();
            ServiceGroup services = new ServiceGroup();
            try {
                Backends backends = new Backends(kafka.bootstrapServers(), redis.url(),
                        postgres.jdbcUrl() + "?user=" + postgres.user());
                services.startAll(ServicePlan.of(options, jars, backends, SERVICE_ARGUMENTS), REPOSITORY,
                        Files.createDirectories(WORK.resolve("logs")));
                services.awaitReady(Instant.now().plus(options.startupTimeout()));
                mark("services ready");
                runPhases(options, services, kafka, redis);
            } finally {
                services.stopAll(Duration.ofSeconds(10));
            }
        }
    }

    private void runPhases(LocalOptions options, ServiceGroup services, KafkaBrokerProcess kafka, RedisProcess redis)
            throws Exception {
        List<Integer> ports = options.gatewayPorts();
        Duration purge;
        Figures figures;
        List<Integer> offlineWhileConnected;
        try (FailoverTraffic traffic = new FailoverTraffic(ports, USERS, MESSAGES_PER_SECOND);
             TeamTalkClient observer = login(OBSERVER, ports.get(1))) {
            this.traffic = traffic;
            await("every user logged in").atMost(Duration.ofSeconds(60)).until(traffic::allConnected);
            mark("traffic running");
            run(Duration.ofSeconds(5));

            purge = killGateway(services, traffic, observer);
            run(Duration.ofSeconds(4));

            kill(services, "route-service-1");
            run(Duration.ofSeconds(10));

            kill(services, "presence-service-1");
            run(Duration.ofSeconds(8));

            redis.kill();
            mark("redis killed (-9), pid " + redis.pid());
            redis.start();
            mark("redis restarted on its AOF, pid " + redis.pid());
            run(Duration.ofSeconds(8));

            kafka.kill();
            mark("kafka broker killed (-9), pid " + kafka.pid());
            kafka.start();
            mark("kafka broker restarted, pid " + kafka.pid());
            run(Duration.ofSeconds(12));

            traffic.stopSending(Duration.ofSeconds(45));
            mark("sending stopped");
            await("every user connected for the final check").atMost(Duration.ofSeconds(60))
                    .until(traffic::allConnected);
            figures = settle(traffic);
            mark("verified");
            // presence must not lie for long: a gateway purged during the broker outage re-announces its connections
            // (snapshot on re-registration), and the sweeper does not purge while it cannot see im.presence
            java.util.concurrent.atomic.AtomicReference<List<Integer>> lastSeen =
                    new java.util.concurrent.atomic.AtomicReference<>(List.of());
            try {
                await("every connected user reads online").atMost(Duration.ofSeconds(20)).until(() -> {
                    lastSeen.set(offlineWhileConnected(traffic));
                    return lastSeen.get().isEmpty();
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported in the figures and asserted below
            }
            offlineWhileConnected = lastSeen.get();
        }
        printFigures(figures, purge, offlineWhileConnected);
        figures.assertNothingLost(purge);
        assertThat(offlineWhileConnected).as("connected users presence reads offline after the failures").isEmpty();
    }

    /** Users connected at the end whom presence reads offline (0x020a): presence lying. */
    private static List<Integer> offlineWhileConnected(FailoverTraffic traffic) throws Exception {
        List<Integer> ids = traffic.users().stream().map(user -> user.id).toList();
        Map<Integer, UserStatType> statuses = FailoverTraffic.statuses(traffic.user(1).client, ids);
        return ids.stream().filter(id -> statuses.get(id) != UserStatType.USER_STATUS_ONLINE).toList();
    }

    /**
     * Kills gw-0 (-9); its users stay away until presence, asked through another gateway (0x020a), reads all of them
     * offline: that time is the purge time. Then they log in on the other gateways and pull their history.
     */
    private Duration killGateway(ServiceGroup services, FailoverTraffic traffic, TeamTalkClient observer)
            throws Exception {
        List<Integer> onGateway = traffic.users().stream().filter(user -> user.gateway == 0).map(user -> user.id)
                .toList();
        await("users of gw-0 read online").atMost(Duration.ofSeconds(20)).until(() ->
                FailoverTraffic.statuses(observer, onGateway).values().stream()
                        .allMatch(status -> status == UserStatType.USER_STATUS_ONLINE));
        List<User> held = traffic.hold(0);
        Instant killed = Instant.now();
        kill(services, "gw-0");
        await("users of killed gw-0 read offline within the lease").atMost(PURGE_BOUND)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> FailoverTraffic.statuses(observer, onGateway).values().stream()
                        .allMatch(status -> status == UserStatType.USER_STATUS_OFFLINE));
        Duration purge = Duration.between(killed, Instant.now());
        mark("gw-0 users read offline after " + purge.toMillis() + " ms");
        traffic.move(held, List.of(1, 2));
        await("users of gw-0 logged in again elsewhere").atMost(Duration.ofSeconds(30)).until(traffic::allConnected);
        mark("gw-0 users reconnected to gw-1/gw-2 and pulled");
        return purge;
    }

    private void kill(ServiceGroup services, String name) {
        long pid = services.kill(name).pid();
        mark(name + " killed (-9), pid " + pid);
    }

    /**
     * Reads every recipient's incoming conversation until each acknowledged message is there (route-service may
     * still be catching up after the broker restart), then compares.
     */
    private Figures settle(FailoverTraffic traffic) {
        List<Acked> acked = traffic.acked();
        Figures[] last = new Figures[1];
        try {
            await("every acknowledged message in its recipient's history").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        last[0] = Figures.of(traffic, acked, histories(traffic));
                        return last[0].lost.isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the figures of the last read say what is missing; the assertion reports it
        }
        return last[0];
    }

    private static Map<Integer, List<MsgInfo>> histories(FailoverTraffic traffic) throws Exception {
        Map<Integer, List<MsgInfo>> histories = new HashMap<>();
        for (User user : traffic.users()) {
            histories.put(user.id, FailoverTraffic.history(user.client, traffic.predecessor(user.id)));
        }
        return histories;
    }

    /** What the run observed, per acknowledged message. */
    record Figures(int sent, int acked, int unacked, int deliveredLive, int recoveredByPull, int pulledOnReconnect,
                   List<String> lost, List<String> historyDuplicates, List<String> shownDuplicates,
                   List<String> wrongContent, int liveRedeliveries, int storedUnacked, int reconnects,
                   Map<String, int[]> byPhase) {

        static Figures of(FailoverTraffic traffic, List<Acked> acked, Map<Integer, List<MsgInfo>> histories) {
            int live = 0;
            int pulled = 0;
            int pulledOnReconnect = 0;
            List<String> lost = new ArrayList<>();
            List<String> historyDuplicates = new ArrayList<>();
            List<String> shownDuplicates = new ArrayList<>();
            List<String> wrongContent = new ArrayList<>();
            Map<Integer, Map<Integer, String>> stored = new HashMap<>();
            for (Map.Entry<Integer, List<MsgInfo>> history : histories.entrySet()) {
                Map<Integer, String> byId = new HashMap<>();
                Map<String, Integer> byText = new HashMap<>();
                for (MsgInfo info : history.getValue()) {
                    String text = FailoverTraffic.text(info.getMsgData().toByteArray());
                    if (byId.put(info.getMsgId(), text) != null) {
                        historyDuplicates.add("user" + history.getKey() + " msg_id " + info.getMsgId());
                    }
                    Integer other = byText.put(text, info.getMsgId());
                    if (other != null && other != info.getMsgId()) {
                        shownDuplicates.add("user" + history.getKey() + " '" + text + "' as msg_id " + other
                                + " and " + info.getMsgId());
                    }
                }
                stored.put(history.getKey(), byId);
            }
            Set<String> ackedKeys = new HashSet<>();
            Map<String, int[]> byPhase = new LinkedHashMap<>();
            for (Acked message : acked) {
                int[] phase = byPhase.computeIfAbsent(message.phase(), name -> new int[3]);
                phase[0]++;
                User recipient = traffic.user(message.to());
                String inHistory = stored.get(message.to()).get(message.msgId());
                ackedKeys.add(message.to() + ":" + message.msgId());
                if (inHistory == null) {
                    phase[2]++;
                    lost.add(message.text() + " (msg_id " + message.msgId() + ")");
                } else if (!inHistory.equals(message.text())) {
                    wrongContent.add("msg_id " + message.msgId() + " to user" + message.to() + ": sent '"
                            + message.text() + "', history '" + inHistory + "'");
                }
                String liveText = recipient.live.get(message.msgId());
                if (liveText != null) {
                    live++;
                    if (!liveText.equals(message.text())) {
                        wrongContent.add("msg_id " + message.msgId() + " to user" + message.to() + ": sent '"
                                + message.text() + "', shown live '" + liveText + "'");
                    }
                } else if (inHistory != null) {
                    pulled++;
                    phase[1]++;
                    if (recipient.pulled.contains(message.msgId())) {
                        pulledOnReconnect++;
                    }
                }
            }
            for (User user : traffic.users()) {
                Map<String, Integer> liveByText = new HashMap<>();
                user.live.forEach((msgId, text) -> {
                    Integer other = liveByText.put(text, msgId);
                    if (other != null) {
                        shownDuplicates.add("user" + user.id + " live '" + text + "' as msg_id " + other + " and "
                                + msgId);
                    }
                });
            }
            int storedUnacked = (int) stored.entrySet().stream()
                    .flatMap(entry -> entry.getValue().keySet().stream().map(id -> entry.getKey() + ":" + id))
                    .filter(key -> !ackedKeys.contains(key)).count();
            int redeliveries = traffic.users().stream().mapToInt(user -> user.liveCopies.get()).sum();
            return new Figures(traffic.sent(), acked.size(), traffic.failed() + traffic.unanswered(), live, pulled,
                    pulledOnReconnect, lost, historyDuplicates, shownDuplicates, wrongContent, redeliveries,
                    storedUnacked, traffic.reconnects(), byPhase);
        }

        void assertNothingLost(Duration purge) {
            assertThat(acked).as("acknowledged messages").isPositive();
            assertThat(lost).as("acknowledged messages missing from the recipient's history (lost after ack)")
                    .isEmpty();
            assertThat(historyDuplicates).as("msg_ids stored twice in a history").isEmpty();
            assertThat(shownDuplicates).as("one sent message shown under two msg_ids (msg_id dedup cannot help)")
                    .isEmpty();
            assertThat(wrongContent).as("msg_ids whose stored or shown text is not what was sent").isEmpty();
            assertThat(deliveredLive + recoveredByPull).as("acked = delivered live + recovered by pull")
                    .isEqualTo(acked);
            assertThat(purge).as("killed gateway's users read offline").isLessThanOrEqualTo(PURGE_BOUND);
        }
    }

    private void printFigures(Figures figures, Duration purge, List<Integer> offlineWhileConnected) {
        String rule = "=".repeat(100);
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator()).append(rule).append(System.lineSeparator());
        out.append("FAILOVER FIGURES  sent=").append(figures.sent()).append(" acked=").append(figures.acked())
                .append(" unacked=").append(figures.unacked()).append(" delivered_live=")
                .append(figures.deliveredLive()).append(" recovered_by_pull=").append(figures.recoveredByPull())
                .append(" (pulled_on_reconnect=").append(figures.pulledOnReconnect()).append(") lost=")
                .append(figures.lost().size()).append(" duplicates_in_history=")
                .append(figures.historyDuplicates().size()).append(" duplicates_shown=")
                .append(figures.shownDuplicates().size()).append(" live_redeliveries_removed_by_msg_id=")
                .append(figures.liveRedeliveries()).append(" stored_unacked=").append(figures.storedUnacked())
                .append(" reconnects=").append(figures.reconnects()).append(" purge_ms=").append(purge.toMillis())
                .append(" connected_but_read_offline_at_end=").append(offlineWhileConnected.size())
                .append(System.lineSeparator());
        timeline.forEach((at, event) -> {
            int[] phase = figures.byPhase().getOrDefault(event, new int[3]);
            out.append("FAILOVER TIMELINE ").append(at).append(' ').append(event).append("  | acked ")
                    .append(phase[0]).append(", by pull ").append(phase[1]).append(", lost ").append(phase[2])
                    .append(System.lineSeparator());
        });
        if (!figures.lost().isEmpty()) {
            out.append("FAILOVER LOST (first 20) ").append(figures.lost().stream().limit(20).toList())
                    .append(System.lineSeparator());
        }
        out.append(rule);
        System.out.println(out);
        try {
            Files.writeString(WORK.resolve("figures.txt"), out);
        } catch (IOException e) {
            System.out.println("cannot write " + WORK.resolve("figures.txt") + ": " + e);
        }
    }

    /** Notes the event in the timeline; acks from now on count in its phase. */
    private void mark(String event) {
        timeline.put(String.format("+%6.1fs", Duration.between(begin, Instant.now()).toMillis() / 1000.0), event);
        if (traffic != null) {
            traffic.phase(event);
        }
    }

    /** Lets the traffic run; the checks come after, so this is not a sleep standing in for an assertion. */
    private static void run(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** Logs in, retrying while presence-service may still be seeding the demo users. */
    private static TeamTalkClient login(int userId, int port) {
        return await("login of user" + userId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    TeamTalkClient client = TeamTalkClient.connect("127.0.0.1", port);
                    int result = client.login("user" + userId, "123456", ClientType.CLIENT_TYPE_WINDOWS)
                            .getResultCode().getNumber();
                    if (result != 0) {
                        client.close();
                        return null;
                    }
                    return client;
                }, client -> client != null);
    }

    static Map<String, Path> serviceJars() {
        try {
            return ServiceJars.findAll(REPOSITORY, ServicePlan.MODULES);
        } catch (StartupException e) {
            throw new AssertionError("the real service jars are needed: " + e.getMessage()
                    + " (./mvnw -B verify from the repository root builds them before this module's tests)", e);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
