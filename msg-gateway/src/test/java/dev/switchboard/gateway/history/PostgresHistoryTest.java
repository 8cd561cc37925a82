package dev.switchboard.gateway.history;

import dev.switchboard.database.ArchivedMessage;
import dev.switchboard.database.Conversations;
import dev.switchboard.database.DatabaseMigrations;
import dev.switchboard.database.MessageArchive;
import dev.switchboard.embedded.FreePorts;
import dev.switchboard.embedded.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads of history beyond the cache, from a real PostgreSQL, and what a read gets when PostgreSQL is not there. */
class PostgresHistoryTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void readsPagesAndMessagesByIdOfAConversation() {
        DataSource postgres = dataSource(SharedInfrastructure.postgres().jdbcUrl());
        DatabaseMigrations.migrate(postgres);
        MessageArchive archive = new MessageArchive(JdbcClient.create(postgres));
        long userA = 9_000_000 + System.nanoTime() % 1_000_000;
        List<ArchivedMessage> rows = new ArrayList<>();
        for (int id = 1; id <= 12; id++) {
            rows.add(new ArchivedMessage(Conversations.single(userA, 7), id, userA, 1, 1_700_000_000 + id,
                    ("m" + id).getBytes(StandardCharsets.UTF_8)));
        }
        archive.store(rows);

        try (PostgresHistory history = new PostgresHistory(archive, Duration.ofSeconds(5), 2, 8, meters)) {
            assertThat(texts(history.page(1, 7, userA, 5, 3).toCompletableFuture().join()))
                    .containsExactly("m5", "m4", "m3");
            assertThat(texts(history.page(1, userA, 7, 0, 2).toCompletableFuture().join()))
                    .containsExactly("m12", "m11");
            Map<Long, byte[]> found = history.byIds(1, userA, 7, List.of(12L, 40L, 1L)).toCompletableFuture().join();
            assertThat(found).containsOnlyKeys(12L, 1L);
            assertThat(new String(found.get(1L), StandardCharsets.UTF_8)).isEqualTo("m1");
        }
        assertThat(meters.get("im.gateway.history.cold.reads").tag("result", "ok").counter().count()).isEqualTo(3);
    }

    @Test
    void aReadPostgresqlCannotServeCompletesEmptyWithinTheTimeoutAndIsCounted() {
        String nowhere = "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/postgres?connectTimeout=10";
        MessageArchive archive = new MessageArchive(JdbcClient.create(dataSource(nowhere)));

        try (PostgresHistory history = new PostgresHistory(archive, Duration.ofSeconds(2), 1, 1, meters)) {
            List<byte[]> page = history.page(2, 1, 3, 0, 20).toCompletableFuture().join();
            Map<Long, byte[]> byId = history.byIds(1, 1, 2, List.of(1L)).toCompletableFuture().join();

            assertThat(page).isEmpty();
            assertThat(byId).isEmpty();
        }
        assertThat(meters.get("im.gateway.history.cold.reads").tag("result", "unavailable").counter().count())
                .isEqualTo(2);
    }

    @Test
    void aReadOfAPostgresqlThatNeverAnswersIsAnsweredEmptyNotHung() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            MessageArchive archive = new MessageArchive(JdbcClient.create(
                    dataSource("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/postgres")));

            try (PostgresHistory history = new PostgresHistory(archive, Duration.ofSeconds(1), 1, 4, meters)) {
                assertThat(history.page(1, 1, 2, 0, 20).toCompletableFuture().get(30, TimeUnit.SECONDS)).isEmpty();
            }
        }
        assertThat(meters.get("im.gateway.history.cold.reads").tag("result", "unavailable").counter().count())
                .isEqualTo(1);
    }

    private static DataSource dataSource(String url) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "");
    }

    private static List<String> texts(List<byte[]> messages) {
        return messages.stream().map(message -> new String(message, StandardCharsets.UTF_8)).toList();
    }
}
