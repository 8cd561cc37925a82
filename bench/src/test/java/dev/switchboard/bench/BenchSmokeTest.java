package dev.switchboard.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each scenario of {@code ./switchboard bench} for a few seconds at a low rate against a real cluster, so the tool
 * cannot rot: it completes, its last line is the JSON summary, every message is acknowledged and delivered once, the
 * group's delivery records are one per gateway, the connections all log in, a login storm's users are reachable at
 * their login answer.
 *
 * <p>One local cluster (the reactor's service jars, 4 gateways, its home and logs under
 * {@code target/smoke-home}) serves every scenario, each scenario with its own users so that one's logouts never
 * race the next one's logins. routing-compare runs both its modes on that cluster: starting two more clusters would
 * double the test's time, and the route mode reaching route-service is {@code ServicePlanTest}'s to check.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BenchSmokeTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path HOME = Path.of("target", "smoke-home").toAbsolutePath();
    private static final Path OUT = Path.of("target", "smoke").toAbsolutePath();
    /**
     * Users of all scenarios together: p2p 40, group 20, connections 100, routing-compare 2 x 40, login-storm 40 + 200.
     */
    private static final int USERS = 480;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final AtomicInteger NEXT_SLOT = new AtomicInteger();

    private static LocalTarget cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalTarget.start(REPOSITORY, HOME, new Target.Request("smoke", 4, USERS, "", List.of(),
                Context.TEAMTALK_RATE_CAP), Duration.ofSeconds(240), System.out);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void p2pDeliversEveryMessageOnceAcrossGateways() {
        JsonNode summary = run("p2p", "--users", "40", "--gateways", "4", "--rate", "20", "--warmup", "1s",
                "--duration", "3s");

        assertEveryMessageAckedAndDeliveredOnce(summary, 1);
        assertThat(summary.get("msgs_per_sec").asDouble()).isPositive();
        assertThat(summary.get("deliveries_per_message_per_gateway").get("route_records_per_message").asDouble())
                .isPositive();
        assertThat(OUT.resolve("p2p").resolve("latency.png")).isNotEmptyFile();
        assertThat(OUT.resolve("p2p").resolve("ack.hlog")).isNotEmptyFile();
        assertThat(OUT.resolve("p2p").resolve("summary.json")).isNotEmptyFile();
    }

    @Test
    void groupMessagesReachEveryOtherMemberWithOneRecordPerGateway() {
        JsonNode summary = run("group", "--groups", "1", "--members", "20", "--gateways", "4", "--rate", "5",
                "--warmup", "1s", "--duration", "3s");

        assertEveryMessageAckedAndDeliveredOnce(summary, 19);
        JsonNode deliveries = summary.get("deliveries_per_message_per_gateway");
        assertThat(deliveries.get("recipient_gateways_per_message").asInt()).isEqualTo(4);
        assertThat(deliveries.get("records_per_message_per_gateway").asDouble()).isEqualTo(1.0);
    }

    @Test
    void connectionsAllLogInAndStayOpen() {
        JsonNode summary = run("connections", "--connections", "100", "--hold", "1s");

        assertThat(summary.get("connections_reached").asLong()).isEqualTo(100);
        assertThat(summary.get("login_failures").asLong()).isZero();
        assertThat(summary.get("errors").asLong()).isZero();
        assertThat(summary.get("login_p99").asDouble()).isPositive();
        assertThat(OUT.resolve("connections").resolve("latency.png")).isNotEmptyFile();
    }

    @Test
    void routingCompareReportsBothModes() {
        JsonNode summary = run("routing-compare", "--users", "40", "--gateways", "4", "--rate", "20",
                "--warmup", "1s", "--duration", "2s");

        for (String mode : RoutingCompareScenario.MODES) {
            assertEveryMessageAckedAndDeliveredOnce(summary.get("modes").get(mode), 1);
        }
        assertThat(summary.get("comparison").get("throughput_ratio_targeted_to_broadcast").isNumber()).isTrue();
        assertThat(OUT.resolve("routing-compare").resolve("latency.png")).isNotEmptyFile();
    }

    @Test
    void loginStormUsersReceiveTheMessageSentAtTheirLoginAnswerAndNothingIsLost() {
        JsonNode summary = run("login-storm", "--users", "40", "--storm-users", "200", "--gateways", "4", "--rate",
                "20", "--warmup", "1s", "--duration", "2s");

        assertThat(summary.get("storm_logins_ok").asLong()).as("storm logins").isEqualTo(200);
        assertThat(summary.get("storm_logins_failed").asLong()).as("failed storm logins").isZero();
        JsonNode first = summary.get("first_message_after_login");
        assertThat(first.get("sent").asLong()).as("first messages sent").isEqualTo(200);
        assertThat(first.get("delivered").asLong()).as("first messages delivered").isEqualTo(200);
        assertThat(first.get("lost").asLong()).as("first messages lost").isZero();
        assertThat(summary.get("sent").asLong()).as("flowing messages besides the first ones").isGreaterThan(200);
        assertEveryMessageAckedAndDeliveredOnce(summary, 1);
        assertThat(OUT.resolve("login-storm").resolve("login.hlog")).isNotEmptyFile();
    }

    private static void assertEveryMessageAckedAndDeliveredOnce(JsonNode summary, int recipients) {
        long sent = summary.get("sent").asLong();
        assertThat(sent).as("sent in %s", summary).isPositive();
        assertThat(summary.get("acked").asLong()).as("acked").isEqualTo(sent);
        assertThat(summary.get("delivered").asLong()).as("delivered").isEqualTo(sent * recipients);
        assertThat(summary.get("unacked").asLong()).as("unacked").isZero();
        assertThat(summary.get("lost").asLong()).as("lost").isZero();
        assertThat(summary.get("duplicates").asLong()).as("duplicates").isZero();
        assertThat(summary.get("errors").asLong()).as("errors %s", summary.get("error_kinds")).isZero();
    }

    /** Runs the scenario on the shared cluster, each target it opens with users not used before; its JSON line. */
    private static JsonNode run(String scenario, String... options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String[] args = new String[options.length + 5];
        args[0] = scenario;
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--out";
        args[options.length + 2] = OUT.resolve(scenario).toString();
        args[options.length + 3] = "--drain";
        args[options.length + 4] = "60s";
        int code = Bench.run(args, out, out,
                request -> new SharedTarget(cluster, NEXT_SLOT.getAndAdd(request.users())));
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(code).as("exit code; output:%n%s", output).isZero();
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    /** The shared cluster with a scenario's own users (slot 0 is user {@code firstSlot + 1}); closing leaves it up. */
    private record SharedTarget(LocalTarget cluster, int firstSlot) implements Target {

        @Override
        public List<InetSocketAddress> gateways() {
            return cluster.gateways();
        }

        @Override
        public String userName(int slot) {
            return cluster.userName(firstSlot + slot);
        }

        @Override
        public String password() {
            return cluster.password();
        }

        @Override
        public Optional<ClusterProbe> probe() {
            return cluster.probe();
        }

        @Override
        public String describe() {
            return "shared smoke-test cluster";
        }

        @Override
        public void close() {
            // the cluster serves the next scenario; stopCluster stops it
        }
    }
}
