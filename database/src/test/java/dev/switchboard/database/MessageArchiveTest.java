package dev.switchboard.database;

import dev.switchboard.embedded.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The message table's writes and history reads, on a real PostgreSQL 17 migrated by Flyway. */
class MessageArchiveTest {

    private static EmbeddedPostgresServer postgres;
    private static MessageArchive archive;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.start();
        Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.user(), "").load().migrate();
        jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl(),
                postgres.user(), ""));
        archive = new MessageArchive(jdbc);
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aMsgIdStoredAgainWithAnotherBodyIsReportedAndKeepsTheFirst() {
        String conversation = Conversations.single(103, 104);
        List<ArchivedMessage> first = messages(conversation, 1, 3);
        archive.store(first);
        ArchivedMessage reused = new ArchivedMessage(conversation, 2, 104, 1, 1_800_000_000L,
                "another message".getBytes(StandardCharsets.UTF_8));

        MessageArchive.Stored stored = archive.storeChecked(List.of(first.get(0), reused, messages(conversation, 4, 4)
                .get(0)));

        assertThat(stored.inserted()).isEqualTo(1);
        assertThat(stored.conflicting()).containsExactly(reused);
        assertThat(archive.byIds(conversation, List.of(2L))).singleElement().isEqualTo(first.get(1).body());
    }

    @Test
    void aConversationIsTheSameForBothUsers() {
        assertThat(Conversations.single(9, 4)).isEqualTo(Conversations.single(4, 9)).isEqualTo("s:4:9");
        assertThat(Conversations.group(4)).isEqualTo("g:4");
    }

    @Test
    void aReplayedBatchStoresEveryMessageExactlyOnce() {
        String conversation = Conversations.single(101, 102);
        List<ArchivedMessage> first = messages(conversation, 1, 3);
        List<ArchivedMessage> overlapping = messages(conversation, 2, 5);

        assertThat(archive.store(first)).isEqualTo(3);
        assertThat(archive.store(first)).as("the same batch again").isZero();
        assertThat(archive.store(overlapping)).as("only msg_ids 4 and 5 are new").isEqualTo(2);

        assertThat(jdbc.sql("SELECT msg_id FROM message WHERE conversation = ? ORDER BY msg_id").param(conversation)
                .query(Long.class).list()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aBatchLargerThanOneStatementIsStoredWhole() {
        String conversation = Conversations.group(7001);
        int size = MessageArchive.ROWS_PER_STATEMENT * 2 + 17;

        assertThat(archive.store(messages(conversation, 1, size))).isEqualTo(size);
        assertThat(archive.latestMsgId(conversation)).isEqualTo(size);
    }

    @Test
    void aPageIsNewestFirstFromTheGivenMsgIdWithTheStoredBytes() {
        String conversation = Conversations.single(201, 202);
        archive.store(messages(conversation, 1, 30));
        archive.store(messages(Conversations.single(201, 203), 1, 30));

        assertThat(texts(archive.page(conversation, 0, 3))).containsExactly(text(conversation, 30),
                text(conversation, 29), text(conversation, 28));
        assertThat(texts(archive.page(conversation, 12, 4))).containsExactly(text(conversation, 12),
                text(conversation, 11), text(conversation, 10), text(conversation, 9));
        assertThat(texts(archive.page(conversation, 2, 20))).containsExactly(text(conversation, 2),
                text(conversation, 1));
        assertThat(archive.page(conversation, 0, 0)).isEmpty();
        assertThat(archive.page(Conversations.single(201, 299), 0, 10)).isEmpty();
    }

    @Test
    void messagesByIdComeInTheOrderAskedWithoutTheMissingOnes() {
        String conversation = Conversations.group(7002);
        archive.store(messages(conversation, 1, 5));

        assertThat(texts(archive.byIds(conversation, List.of(4L, 99L, 1L, 5L)))).containsExactly(
                text(conversation, 4), text(conversation, 1), text(conversation, 5));
        assertThat(archive.byIds(conversation, List.of())).isEmpty();
        assertThat(archive.latestMsgId(Conversations.group(7099))).isZero();
    }

    private static List<ArchivedMessage> messages(String conversation, long fromMsgId, long toMsgId) {
        return LongStream.rangeClosed(fromMsgId, toMsgId).mapToObj(msgId -> new ArchivedMessage(conversation, msgId,
                11, 1, 1_700_000_000L + msgId, text(conversation, msgId).getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static String text(String conversation, long msgId) {
        return conversation + "#" + msgId;
    }

    private static List<String> texts(List<byte[]> bodies) {
        List<String> texts = new ArrayList<>();
        bodies.forEach(body -> texts.add(new String(body, StandardCharsets.UTF_8)));
        return texts;
    }
}
