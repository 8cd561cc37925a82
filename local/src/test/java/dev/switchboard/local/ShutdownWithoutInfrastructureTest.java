package dev.switchboard.local;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.embedded.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service stops within its shutdown timeout when Kafka and Redis are gone: a standalone Kafka broker and a
 * {@code redis-server} process are killed (-9) under a running local cluster (one gateway holding logged-in clients,
 * one presence-service, one route-service, each from its boot jar, with the launcher's arguments), a message is sent
 * into the outage, then every service gets SIGTERM at once, as from {@code ./switchboard local}'s Ctrl-C or from
 * Kubernetes. Each must exit on its own within {@code switchboard.shutdown-timeout}
 * ({@link ServicePlan#SHUTDOWN_TIMEOUT}) and a second or two for the JVM to go.
 *
 * <p>Logs stay in {@code local/target/shutdown} (services in {@code logs/}).
 */
class ShutdownWithoutInfrastructureTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "shutdown").toAbsolutePath();
    private static final Duration SHUTDOWN_TIMEOUT = ServicePlan.SHUTDOWN_TIMEOUT;
    private static final Duration EXIT_ALLOWANCE = Duration.ofSeconds(2);

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyServiceExitsWithinItsShutdownTimeoutWhenKafkaAndRedisAreGone() throws Exception {
        FailoverSuiteTest.deleteRecursively(WORK);
        Map<String, Path> jars = FailoverSuiteTest.serviceJars();
        int kafkaPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        int redisPort = FreePorts.next();
        // gateway p (metrics +1000), presence HTTP p+1 (route metrics p+101)
        int gatewayPort = FreePorts.base(1, 1, 101, 1000);
        LocalOptions options = new LocalOptions(1, gatewayPort, gatewayPort + 1, kafkaPort, redisPort, 3, REPOSITORY,
                Duration.ofSeconds(150), false);

        Map<String, Duration> exits = new LinkedHashMap<>();
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.format(kafkaPort, controllerPort, 4, WORK.resolve("kafka"));
             RedisProcess redis = new RedisProcess(redisPort, WORK.resolve("redis"))) {
            kafka.start();
            redis.start();
            ServiceGroup services = new ServiceGroup();
            try {
                // PostgreSQL is away from the start: route-service starts all the same and only its history waits
                services.startAll(ServicePlan.of(options, jars, new Backends(kafka.bootstrapServers(), redis.url(),
                        "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/postgres?user=postgres")), REPOSITORY,
                        Files.createDirectories(WORK.resolve("logs")));
                services.awaitReady(Instant.now().plus(options.startupTimeout()));

                try (TeamTalkClient alice = login("user1", gatewayPort);
                     TeamTalkClient bob = login("user2", gatewayPort)) {
                    // every producer, consumer and Redis connection of the three services is in use
                    assertThat(alice.sendText(2, "before the outage").getMsgId()).isPositive();
                    assertThat(bob.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(),
                            Duration.ofSeconds(20)).getFromUserId()).isEqualTo(1);

                    kafka.kill();
                    redis.kill();
                    // the services notice: consumers lose their coordinator, Lettuce starts reconnecting; a message
                    // sent now waits in the gateway's producer for a broker that is not coming back
                    alice.sendTextAsync(2, "during the outage");
                    Thread.sleep(3_000);

                    Instant asked = Instant.now();
                    Map<String, CompletableFuture<Duration>> exited = new LinkedHashMap<>();
                    for (ServiceProcess service : services.services()) {
                        exited.put(service.name(), service.onExit()
                                .thenApply(process -> Duration.between(asked, Instant.now())));
                        service.requestStop();
                    }
                    for (Map.Entry<String, CompletableFuture<Duration>> service : exited.entrySet()) {
                        try {
                            exits.put(service.getKey(), service.getValue().get(
                                    SHUTDOWN_TIMEOUT.plus(EXIT_ALLOWANCE).plusSeconds(20).toMillis(),
                                    TimeUnit.MILLISECONDS));
                        } catch (TimeoutException e) {
                            exits.put(service.getKey(), null);
                        }
                    }
                }
            } finally {
                services.stopAll(Duration.ofSeconds(5));
            }
        }
        System.out.println("SHUTDOWN WITHOUT KAFKA AND REDIS " + exits);
        assertThat(exits).hasSize(3).allSatisfy((name, took) -> assertThat(took)
                .as("%s exits on SIGTERM within its shutdown timeout (%s) + %s, logs in %s", name, SHUTDOWN_TIMEOUT,
                        EXIT_ALLOWANCE, WORK.resolve("logs"))
                .isNotNull().isLessThanOrEqualTo(SHUTDOWN_TIMEOUT.plus(EXIT_ALLOWANCE)));
    }

    private static TeamTalkClient login(String user, int port) throws IOException {
        TeamTalkClient client = TeamTalkClient.connect("127.0.0.1", port);
        int result = client.login(user, "123456", ClientType.CLIENT_TYPE_WINDOWS).getResultCode().getNumber();
        assertThat(result).as("login of %s", user).isZero();
        return client;
    }
}
