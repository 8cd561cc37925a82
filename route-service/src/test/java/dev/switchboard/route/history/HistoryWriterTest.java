package dev.switchboard.route.history;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.database.Conversations;
import dev.switchboard.database.MessageArchive;
import dev.switchboard.embedded.EmbeddedPostgresServer;
import dev.switchboard.embedded.FreePorts;
import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.Frame;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.route.RouteApplication;
import dev.switchboard.store.MessageStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The history writer against a real Kafka, Redis and PostgreSQL, fed the {@code im.route} records a gateway
 * publishes: route-service starts before PostgreSQL exists, writes one row per msg_id with the bytes Redis serves
 * whatever is replayed, and goes on delivering through a PostgreSQL outage, then catches up. The tests run in order:
 * the first is the one that brings PostgreSQL up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryWriterTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PREFIX = "history-writer-test:";
    /** route-service's switchboard.history.cache-messages here. */
    private static final int CACHE = 10;

    @TempDir
    static Path data;
    private static int postgresPort;
    private static EmbeddedPostgresServer postgres;
    private static ConfigurableApplicationContext route;
    private static KafkaProducer<String, byte[]> producer;
    private static MessageArchive archive;

    @BeforeAll
    static void startWithoutPostgres() {
        postgresPort = FreePorts.next();
        String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres";
        route = new SpringApplicationBuilder(RouteApplication.class).registerShutdownHook(false).run(
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
                "--switchboard.redis.url=" + SharedInfrastructure.redis().url(),
                "--switchboard.redis.key-prefix=" + PREFIX, "--switchboard.history.cache-messages=" + CACHE,
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--server.port=0", "--spring.main.banner-mode=off");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
        archive = new MessageArchive(JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), url,
                "postgres", "")));
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (route != null) {
            route.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void startsWithoutPostgresAndWritesWhatWasSentMeanwhile() throws Exception {
        assertThat(readiness().statusCode()).isEqualTo(503);
        assertThat(readiness().body()).contains("\"history\"").contains("writer not started");

        List<RouteEnvelope> sent = conversation(1001, 1002, 20);
        publish(sent);
        await().atMost(Duration.ofSeconds(20)).until(() -> redisHistory(1001, 1002).size() == 20);
        assertThat(archive().orElse(null)).isNull();

        postgres = EmbeddedPostgresServer.start(postgresPort, data);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> archived(1001, 1002) == 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness().statusCode() == 200);
    }

    @Test
    @Order(2)
    void storesOneRowPerMsgIdWithTheBytesRedisServes() throws Exception {
        List<RouteEnvelope> sent = conversation(1003, 1004, 50);
        publish(sent);
        publish(sent.subList(10, 40));
        RouteEnvelope groupFirst = group(77, 1003, 1);
        publish(List.of(groupFirst, group(77, 1004, 2)));
        publish(List.of(groupFirst));

        String single = Conversations.single(1003, 1004);
        await().atMost(Duration.ofSeconds(20)).until(() -> archive.page(single, 0, 100).size() == 50
                && archive.page(Conversations.group(77), 0, 10).size() == 2);
        // the replays may bring back messages the cache had let go (they are stored again, below its newest), until
        // the writer commits them again and trims
        await("redis keeps the newest once postgresql has them all").atMost(Duration.ofSeconds(20))
                .until(() -> redisHistory(1003, 1004).size() < 50);
        List<byte[]> fromPostgres = archive.page(single, 0, 100);
        List<byte[]> fromRedis = redisHistory(1003, 1004);
        assertThat(fromPostgres).hasSize(50);
        assertThat(fromRedis.size()).isGreaterThanOrEqualTo(CACHE);
        for (int i = 0; i < fromRedis.size(); i++) {
            assertThat(fromPostgres.get(i)).as("message %d newest first", i).isEqualTo(fromRedis.get(i));
        }
        assertThat(archive.latestMsgId(single)).isEqualTo(50);
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("duplicate") >= 31);
        assertThat(counter("conflict")).as("a replay is no conflict").isZero();
    }

    @Test
    @Order(3)
    void postgresOutageDelaysHistoryButNeverChat() throws Exception {
        postgres.close();
        List<RouteEnvelope> sent = conversation(1005, 1006, 30);
        publish(sent);

        await().atMost(Duration.ofSeconds(20)).until(() -> redisHistory(1005, 1006).size() == 30);
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness().statusCode() == 503);
        assertThat(readiness().body()).contains("write failed");
        assertThat(route.getBean(MeterRegistry.class).get("im.history.behind.seconds").gauge().value())
                .isGreaterThan(0);

        postgres = EmbeddedPostgresServer.start(postgresPort, data);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> archived(1005, 1006) == 30);
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness().statusCode() == 200);
        assertThat(route.getBean(MeterRegistry.class).get("im.history.behind.seconds").gauge().value()).isZero();
        assertThat(archive.page(Conversations.single(1001, 1002), 0, 100)).hasSize(20);
    }

    @Test
    @Order(4)
    void aMsgIdHandedOutAgainAfterRedisLostItsCounterIsKeptInRedisAndCounted() throws Exception {
        publish(conversation(1007, 1008, 15));
        String single = Conversations.single(1007, 1008);
        await().atMost(Duration.ofSeconds(20)).until(() -> archive.page(single, 0, 100).size() == 15
                && redisHistory(1007, 1008).size() == CACHE);
        byte[] firstOfAll = archive.byIds(single, List.of(1L)).get(0);
        try (RedisClient client = RedisClient.create(SharedInfrastructure.redis().url());
             StatefulRedisConnection<String, String> redis = client.connect()) {
            // what losing Redis does to this conversation: its counter and its cache are gone
            redis.sync().del(PREFIX + "msgid:single:1007:1008", PREFIX + "history:single:1007:1008");
        }

        double conflictsBefore = counter("conflict");
        publish(conversation(1007, 1008, 3));

        await().atMost(Duration.ofSeconds(20)).until(() -> counter("conflict") - conflictsBefore == 3);
        assertThat(redisHistory(1007, 1008)).as("redis keeps serving the messages postgresql could not take")
                .hasSize(3);
        assertThat(archive.byIds(single, List.of(1L))).singleElement().isEqualTo(firstOfAll);
    }

    /**
     * {@code count} messages between two users, alternating who sends, each with the msg_id a gateway allocates
     * (1, 2, 3, ... of the conversation).
     */
    private static List<RouteEnvelope> conversation(long userA, long userB, int count) {
        MessageStore store = route.getBean(MessageStore.class);
        List<RouteEnvelope> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            boolean fromA = i % 2 == 1;
            long msgId = store.nextSingleMsgId(userA, userB).toCompletableFuture().join();
            messages.add(envelope(fromA ? userA : userB, fromA ? userB : userA, SessionType.SESSION_TYPE_SINGLE,
                    MsgType.MSG_TYPE_SINGLE_TEXT, msgId));
        }
        return messages;
    }

    private static RouteEnvelope group(long groupId, long from, long msgId) {
        return envelope(from, groupId, SessionType.SESSION_TYPE_GROUP, MsgType.MSG_TYPE_GROUP_TEXT, msgId);
    }

    /** What a gateway publishes for a message it accepted: the stamped IMMsgData in a routing envelope. */
    private static RouteEnvelope envelope(long from, long to, SessionType type, MsgType msgType, long msgId) {
        int now = (int) (System.currentTimeMillis() / 1000);
        IMMsgData message = IMMsgData.newBuilder().setFromUserId((int) from).setToSessionId((int) to)
                .setMsgId((int) msgId).setCreateTime(now).setMsgType(msgType)
                .setMsgData(ByteString.copyFromUtf8("message " + msgId + " from " + from + " #" + UUID.randomUUID()))
                .build();
        return RouteEnvelope.newBuilder()
                .setFrame(Frame.newBuilder().setServiceId(ServiceID.SID_MSG_VALUE)
                        .setCommandId(MessageCmdID.CID_MSG_DATA_VALUE).setBody(message.toByteString()))
                .setFromUserId((int) from).setSessionType(type.getNumber()).setToId((int) to).setMsgId((int) msgId)
                .setCreateTime(now).setOriginGatewayId("gw-test").setOriginConnectionId(1)
                .setPublishedAtMillis(System.currentTimeMillis()).build();
    }

    private static void publish(List<RouteEnvelope> envelopes) throws Exception {
        for (RouteEnvelope envelope : envelopes) {
            producer.send(new ProducerRecord<>(Topics.ROUTE, String.valueOf(envelope.getToId()),
                    envelope.toByteArray())).get();
        }
    }

    private static List<byte[]> redisHistory(long userId, long peerId) {
        return route.getBean(MessageStore.class).messages(userId, 1, peerId, 0, 100).toCompletableFuture().join();
    }

    /** The archive when PostgreSQL answers and the schema is in place, else empty. */
    private static java.util.Optional<MessageArchive> archive() {
        try {
            archive.latestMsgId(Conversations.single(1, 2));
            return java.util.Optional.of(archive);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** How many messages of the two users' conversation PostgreSQL holds (0 while it is away). */
    private static int archived(long userA, long userB) {
        return archive().map(a -> a.page(Conversations.single(userA, userB), 0, 100).size()).orElse(0);
    }

    private static double counter(String result) {
        return route.getBean(MeterRegistry.class).get("im.history.messages").tag("result", result).counter().count();
    }

    private static HttpResponse<String> readiness() throws Exception {
        int port = Integer.parseInt(route.getEnvironment().getRequiredProperty("local.server.port"));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
