package dev.switchboard.local;

import dev.switchboard.embedded.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The launcher end to end, with fake services that honour the real services' arguments and readiness signals. */
class LocalClusterTest {

    @TempDir
    Path home;

    @Test
    void startsEachServiceAsItsOwnProcessAndStopsThemAll() throws Exception {
        LocalOptions options = options(Map.of());
        Map<String, Long> pids;
        try (LocalCluster cluster = LocalCluster.start(options)) {
            pids = cluster.pids();
            assertThat(pids).containsOnlyKeys("gw-0", "gw-1", "presence-service", "route-service");
            assertThat(pids.values()).allSatisfy(pid -> assertThat(isAlive(pid)).isTrue())
                    .doesNotContain(ProcessHandle.current().pid()).doesNotHaveDuplicates();
            assertThat(cluster.gatewayPorts()).containsExactly(options.gatewayPort(), options.gatewayPort() + 1);
            assertThat(cluster.gatewayPorts()).allSatisfy(port -> assertThat(PortCheck.isFree(port)).isFalse());
            assertThat(cluster.logDirectory().resolve("gw-1.log")).content()
                    .contains("--switchboard.gateway.id=gw-1", "--switchboard.gateway.port=" + (options.gatewayPort() + 1),
                            "--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                            "--switchboard.redis.url=" + cluster.redisUrl());
        }
        assertThat(pids.values()).allSatisfy(pid -> assertThat(isAlive(pid)).as("pid %d", pid).isFalse());
        await().atMost(Duration.ofSeconds(10)).until(() -> PortCheck.isFree(options.httpPort()));
    }

    @Test
    void bannerSaysWhereEverythingRunsAndHowToConnect() throws Exception {
        LocalOptions options = options(Map.of());
        try (LocalCluster cluster = LocalCluster.start(options)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Banner.print(cluster, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String banner = bytes.toString(StandardCharsets.UTF_8);

            assertThat(banner).contains("gw-0", "gw-1", "presence-service", "route-service",
                    String.valueOf(cluster.pids().get("gw-1")), "tcp 127.0.0.1:" + options.gatewayPort(),
                    "bootstrap " + cluster.bootstrapServers(), cluster.redisUrl(),
                    cluster.logDirectory().toString(), "user1 .. user100 (ids 1..100), password 123456",
                    "./switchboard cli user1 --port " + options.gatewayPort(),
                    "./switchboard cli user2 --port " + (options.gatewayPort() + 1),
                    "curl http://127.0.0.1:" + options.httpPort() + "/msg_server",
                    "curl -H 'Authorization: Bearer " + cluster.adminToken() + "' http://127.0.0.1:"
                            + options.httpPort() + "/admin/users");
            assertThat(cluster.adminToken()).as("generated for the run").hasSizeGreaterThan(20);
        }
    }

    @Test
    void aServiceThatExitsDuringStartupFailsTheStartAndStopsEverything() throws Exception {
        int redisPort = FreePorts.next();
        LocalOptions options = options(Map.of(ServicePlan.ROUTE, FakeCrashingService.class), redisPort);

        assertThatThrownBy(() -> LocalCluster.start(options))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("route-service exited during startup with code 3; log "
                        + home.resolve(".switchboard/logs/route-service.log"))
                .hasMessageContaining("boom: cannot reach kafka");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(PortCheck.isFree(redisPort)).as("redis port free").isTrue();
            assertThat(options.gatewayPorts()).allSatisfy(port -> assertThat(PortCheck.isFree(port)).isTrue());
        });
    }

    @Test
    void aServiceThatNeverGetsReadyTimesOutWithItsLogTail() throws Exception {
        LocalOptions options = options(Map.of(ServicePlan.PRESENCE, FakeSilentService.class))
                .withStartupTimeout(Duration.ofSeconds(3));

        assertThatThrownBy(() -> LocalCluster.start(options))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("presence-service not ready in time: waited for GET http://127.0.0.1:"
                        + options.httpPort() + "/actuator/health/readiness to answer 200")
                .hasMessageContaining("and GET http://127.0.0.1:" + options.httpPort() + "/msg_server to answer 200")
                .hasMessageContaining("fake silent service: waiting forever");
    }

    @Test
    void aServiceThatDiesLaterLeavesTheOthersRunning() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(options(Map.of()))) {
            ProcessHandle gateway = ProcessHandle.of(cluster.pids().get("gw-1")).orElseThrow();
            gateway.destroyForcibly();

            await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.isAlive());
            assertThat(List.of("gw-0", "presence-service", "route-service"))
                    .allSatisfy(name -> assertThat(isAlive(cluster.pids().get(name))).as(name).isTrue());
        }
    }

    @Test
    void startsSeveralRouteAndPresenceInstancesEachWithItsOwnName() throws Exception {
        FakeJars.home(home, Map.of());
        int gatewayPort = freePortPair();
        int httpPort = gatewayPort + 3;
        LocalOptions options = new LocalOptions(2, gatewayPort, httpPort, 0, 0, 100, home, Duration.ofSeconds(60),
                false).withInstances(2, 3);
        try (LocalCluster cluster = LocalCluster.start(options)) {
            assertThat(cluster.pids()).containsOnlyKeys("gw-0", "gw-1", "presence-service", "presence-service-1",
                    "presence-service-2", "route-service", "route-service-1");
            assertThat(cluster.pids().values()).allSatisfy(pid -> assertThat(isAlive(pid)).isTrue());
            assertThat(cluster.logDirectory().resolve("presence-service-1.log")).content()
                    .contains("--server.port=" + (httpPort + 1), "--switchboard.presence.demo-users=0");
            assertThat(cluster.logDirectory().resolve("presence-service.log")).content()
                    .contains("--server.port=" + httpPort, "--switchboard.presence.demo-users=100");
        }
    }

    @Test
    void theConsoleKillsStopsAndStartsOneServiceWhileTheOthersRun() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(options(Map.of()))) {
            Console console = cluster.console(InputStream.nullInputStream(), System.out);
            long gateway = cluster.pids().get("gw-1");
            int port = cluster.gatewayPorts().get(1);

            assertThat(console.execute("kill gw-1")).isEqualTo("killed gw-1 pid " + gateway + " (SIGKILL)");
            assertThat(isAlive(gateway)).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> PortCheck.isFree(port));
            assertThat(console.execute("status")).containsPattern("gw-1 +" + gateway + " +exited \\(137\\)")
                    .containsPattern("gw-0 +" + cluster.pids().get("gw-0") + " +running");
            assertThat(console.execute("kill gw-1")).startsWith("error: gw-1 is not running (pid " + gateway);

            String started = console.execute("start gw-1");
            long restarted = cluster.pids().get("gw-1");
            assertThat(started).isEqualTo("started gw-1 pid " + restarted + ", ready");
            assertThat(restarted).isNotEqualTo(gateway);
            assertThat(isAlive(restarted)).isTrue();
            assertThat(PortCheck.isFree(port)).isFalse();
            assertThat(cluster.logDirectory().resolve("gw-1.log")).content().as("both runs kept in the log")
                    .hasLineCount(4);

            long route = cluster.pids().get("route-service");
            assertThat(console.execute("restart route-service"))
                    .isEqualTo("restarted route-service pid " + cluster.pids().get("route-service") + ", ready");
            assertThat(isAlive(route)).isFalse();
            assertThat(console.execute("stop gw-0")).isEqualTo("stopped gw-0 pid " + cluster.pids().get("gw-0")
                    + " (SIGTERM)");
            assertThat(console.execute("start gw-1")).startsWith("error: gw-1 is running (pid " + restarted
                    + "); use restart");
            assertThat(console.execute("kill gw-9")).startsWith("error: no service gw-9 (services: gw-0, gw-1, ");
        }
    }

    @Test
    void theConsoleAnswersEveryLineOfItsInput() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(options(Map.of()))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            InputStream in = new ByteArrayInputStream("status\n\nfly away\n".getBytes(StandardCharsets.UTF_8));
            cluster.console(in, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();

            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("presence-service", "running",
                    "error: unknown command: fly");
        }
    }

    @Test
    void startsNothingWhenAJarIsMissing() throws Exception {
        FakeJars.write(home, ServicePlan.GATEWAY, FakeService.class);
        int redisPort = FreePorts.next();
        LocalOptions options = LocalOptions.defaults().withHome(home);

        assertThatThrownBy(() -> LocalCluster.start(new LocalOptions(2, 8000, 8080, 0, redisPort, 100, home,
                Duration.ofSeconds(5), false)))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("service jar missing: " + home.resolve("presence-service/target/*-exec.jar"))
                .hasMessageContaining("run ./mvnw -B -DskipTests install in " + options.home());
        assertThat(home.resolve(".switchboard")).doesNotExist();
        assertThat(PortCheck.isFree(redisPort)).isTrue();
    }

    @Test
    void startsNothingWhenAPortIsTaken() throws Exception {
        LocalOptions options = options(Map.of());
        try (ServerSocket taken = new ServerSocket(options.httpPort())) {
            assertThatThrownBy(() -> LocalCluster.start(options))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("port already in use: " + options.httpPort() + " for login http");
        }
        assertThat(home.resolve(".switchboard")).doesNotExist();
    }

    private LocalOptions options(Map<String, Class<?>> overrides) throws Exception {
        return options(overrides, 0);
    }

    private LocalOptions options(Map<String, Class<?>> overrides, int redisPort) throws Exception {
        FakeJars.home(home, overrides);
        int gatewayPort = freePortPair();
        return new LocalOptions(2, gatewayPort, gatewayPort + 3, 0, redisPort, 100, home,
                Duration.ofSeconds(60), false);
    }

    /**
     * A gateway base port p with what a test cluster uses around it free: gateways p, p+1 (metrics +1000), login
     * HTTP from p+3 (up to 3 presence instances; route metrics +100).
     */
    private static int freePortPair() {
        return FreePorts.base(2, 3, 103, 1000);
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
