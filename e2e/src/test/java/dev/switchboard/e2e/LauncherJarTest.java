package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.embedded.FreePorts;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command as a user runs it: {@code ./switchboard local} is {@code java -jar} of the launcher's
 * executable jar. Runs that jar (the one the build just packaged, not the test classpath, so a dependency missing
 * from the jar fails here) with 2,000 demo users at the default credential cost, waits for its banner, logs in the
 * last demo user at once (the banner promises every one of them), chats between its two gateways, and stops it with
 * SIGTERM.
 */
class LauncherJarTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration STARTUP = Duration.ofSeconds(150);
    private static final int DEMO_USERS = 2000;

    @Test
    void theLaunchersJarStartsAClusterThatCarriesMessagesAndStopsOnSigterm() throws Exception {
        // gateways p, p+1 (metrics +1000), login HTTP p+2 (route metrics +100)
        int gatewayPort = FreePorts.base(2, 2, 102, 1000);
        int httpPort = gatewayPort + 2;
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                launcherJar().toString(), "--home", ROOT.toString(), "--gateways", "2",
                "--gateway-port", String.valueOf(gatewayPort), "--http-port", String.valueOf(httpPort),
                "--kafka-port", String.valueOf(FreePorts.next()), "--redis-port", String.valueOf(FreePorts.next()),
                "--demo-users", String.valueOf(DEMO_USERS), "--admin-token", "launcher-test");
        Process launcher = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(launcher, output, ready), "launcher-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(STARTUP.toSeconds(), TimeUnit.SECONDS);

            try (TeamTalkClient last = TeamTalkClient.connect("127.0.0.1", gatewayPort + 1);
                 TeamTalkClient alice = TeamTalkClient.connect("127.0.0.1", gatewayPort)) {
                assertThat(last.login("user" + DEMO_USERS, "123456", ClientType.CLIENT_TYPE_WINDOWS)
                        .getResultCode().getNumber()).as("the last demo user logs in right after the banner").isZero();
                assertThat(alice.login("user1", "123456", ClientType.CLIENT_TYPE_WINDOWS).getResultCode().getNumber())
                        .isZero();
                assertThat(alice.sendText(DEMO_USERS, "through the launcher's cluster").getMsgId()).isPositive();
                assertThat(last.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                        Duration.ofSeconds(20)).getFromUserId()).isEqualTo(1);

                // every service exports its meters for Prometheus (gateway: client port + 1000, route: login + 100)
                assertThat(scrape(gatewayPort + 1000)).contains("im_gateway_connections");
                assertThat(scrape(httpPort + 100)).contains("im_route_deliveries_total");
                assertThat(scrape(httpPort)).contains("im_presence_events_total");
            }
        } catch (Exception | AssertionError e) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            throw new AssertionError("launcher output:\n" + String.join("\n", snapshot(output)), e);
        }
        List<ProcessHandle> services = launcher.descendants().toList();
        assertThat(services).as("each service runs as its own process").hasSizeGreaterThanOrEqualTo(4);
        launcher.destroy();
        boolean exited = launcher.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            services.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        assertThat(exited).as("the launcher stops on SIGTERM").isTrue();
        assertThat(services).as("no service process left behind").noneMatch(ProcessHandle::isAlive);
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /actuator/prometheus on port %d", port).isEqualTo(200);
        return response.body();
    }

    private static Path launcherJar() throws IOException {
        Path target = ROOT.resolve("local").resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new AssertionError("no launcher jar in " + target + ": the build packages local before e2e");
    }

    private static void read(Process launcher, List<String> output, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.contains("Switchboard is running")) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new AssertionError("the launcher exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    private static List<String> snapshot(List<String> output) {
        synchronized (output) {
            return List.copyOf(output);
        }
    }
}
