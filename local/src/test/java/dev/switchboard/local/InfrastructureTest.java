package dev.switchboard.local;

import dev.switchboard.embedded.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InfrastructureTest {

    @Test
    void startsRedisKafkaAndPostgresOnTheGivenPortsAndStopsThemAll() throws Exception {
        int kafkaPort = FreePorts.next();
        int redisPort = FreePorts.next();
        int postgresPort;
        try (Infrastructure infrastructure = Infrastructure.start(kafkaPort, redisPort, "")) {
            assertThat(infrastructure.redisUrl()).isEqualTo("redis://127.0.0.1:" + redisPort);
            assertThat(infrastructure.bootstrapServers()).endsWith(":" + kafkaPort);
            assertThat(infrastructure.redisPid()).isPresent();

            assertThat(redis(redisPort, "PING")).containsExactly("+PONG");
            assertThat(redis(redisPort, "SET local:test hello", "GET local:test"))
                    .containsExactly("+OK", "$5", "hello");
            assertThat(topicPartitions(infrastructure.bootstrapServers(), "local.test")).isEqualTo(4);

            String url = infrastructure.postgresUrl();
            assertThat(url).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres\\?user=postgres");
            postgresPort = Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1"));
            assertThat(infrastructure.postgresPid()).isPresent();
            try (Connection connection = DriverManager.getConnection(url);
                 ResultSet result = connection.createStatement().executeQuery("SELECT 6 * 7")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(42);
            }
            assertThat(infrastructure.backends()).isEqualTo(new Backends(infrastructure.bootstrapServers(),
                    infrastructure.redisUrl(), url));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(PortCheck.isFree(redisPort)).as("redis port free").isTrue();
            assertThat(PortCheck.isFree(kafkaPort)).as("kafka port free").isTrue();
            assertThat(PortCheck.isFree(postgresPort)).as("postgres port free").isTrue();
        });
    }

    @Test
    void startsNoPostgresWhenGivenAUrl() {
        String url = "jdbc:postgresql://db.example:5432/switchboard?user=switchboard&password=secret";
        try (Infrastructure infrastructure = Infrastructure.start(0, 0, url)) {
            assertThat(infrastructure.postgresUrl()).isEqualTo(url);
            assertThat(infrastructure.postgresPid()).isEmpty();
        }
    }

    @Test
    void picksFreePortsWhenGivenZero() {
        try (Infrastructure infrastructure = Infrastructure.start(0, 0, "")) {
            int kafkaPort = Integer.parseInt(infrastructure.bootstrapServers().replaceAll(".*:", ""));

            assertThat(kafkaPort).isPositive();
            assertThat(PortCheck.isFree(kafkaPort)).as("kafka listens").isFalse();
            assertThat(PortCheck.isFree(infrastructure.redisPort())).as("redis listens").isFalse();
        }
    }

    /** Sends inline commands over a raw socket and reads one reply line per command, two for a bulk string. */
    private static List<String> redis(int port, String... commands) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String command : commands) {
                String line = in.readLine();
                lines.add(line);
                if (line.startsWith("$") && !line.equals("$-1")) {
                    lines.add(in.readLine());
                }
            }
            return lines;
        }
    }

    /** Produces one record (auto-creating the topic) and returns the topic's partition count. */
    private static int topicPartitions(String bootstrapServers, String topic) throws Exception {
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "key", "value")).get(30, TimeUnit.SECONDS);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        }
    }
}
