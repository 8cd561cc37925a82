package dev.switchboard.database;

import dev.switchboard.embedded.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tables as the migrations build them, on a real PostgreSQL 17. */
class MessageSchemaTest {

    private static EmbeddedPostgresServer postgres;
    private static MigrateResult migrated;

    @BeforeAll
    static void migrate() {
        postgres = EmbeddedPostgresServer.start();
        migrated = flyway().migrate();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theMigrationsApplyOnceAndAgainChangeNothing() {
        assertThat(migrated.success).isTrue();
        assertThat(migrated.migrationsExecuted).isEqualTo(2);

        MigrateResult again = flyway().migrate();

        assertThat(again.migrationsExecuted).isZero();
        flyway().validate();
    }

    @Test
    void messagesAreHashPartitionedOnTheConversationIntoSixteenPartitions() throws SQLException {
        assertThat(strings("SELECT pg_get_partkeydef('message'::regclass)")).containsExactly("HASH (conversation)");
        assertThat(strings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'message'::regclass ORDER BY c.relname"))
                .hasSize(16).first().isEqualTo("message_p00");
    }

    @Test
    void everyKeyOfTheMessageTableIncludesTheConversation() throws SQLException {
        // Citus: every primary and unique key must contain the distribution column
        assertThat(keys("message")).containsExactly("PRIMARY KEY (conversation, msg_id)");
    }

    @Test
    void everyKeyOfAPerUserOrPerGroupTableStartsWithItsDistributionColumn() throws SQLException {
        // Citus: recent_session and read_mark are distributed on user_id, chat_group and group_member on group_id
        assertThat(keys("recent_session")).containsExactly("PRIMARY KEY (user_id, session_type, peer_id)");
        assertThat(keys("read_mark")).containsExactly("PRIMARY KEY (user_id, conversation)");
        assertThat(keys("chat_group")).containsExactly("PRIMARY KEY (group_id)");
        assertThat(keys("group_member")).containsExactly("PRIMARY KEY (group_id, user_id)");
    }

    @Test
    void aUserNameBelongsToOneUserAndAMembershipToAnExistingGroup() throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().executeUpdate("INSERT INTO app_user (id, name, credential, updated_at)"
                    + " VALUES (1, 'alice', 'pbkdf2-sha256$1$a$b', 1700000000)");

            assertThatThrownBy(() -> connection.createStatement().executeUpdate("INSERT INTO app_user"
                    + " (id, name, credential, updated_at) VALUES (2, 'alice', 'x', 1700000000)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("app_user_name");
            assertThatThrownBy(() -> connection.createStatement().executeUpdate("INSERT INTO group_member"
                    + " (group_id, user_id, joined_at) VALUES (404, 1, 1700000000)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("group_member_group_id_fkey");
        }
    }

    @Test
    void aReplayedMessageStaysOneRow() throws SQLException {
        try (Connection connection = connect()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                insert(connection, "s:7:9", 1, "hello");
            }
            insert(connection, "s:7:9", 2, "again");

            assertThat(strings("SELECT msg_id || ':' || convert_from(body, 'UTF8') FROM message"
                    + " WHERE conversation = 's:7:9' ORDER BY msg_id")).containsExactly("1:hello", "2:again");
            assertThatThrownBy(() -> insert(connection, "s:7:9", 0, "no id")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aPageOfOneConversationReadsOnePartitionByItsKey() throws SQLException {
        List<String> plan = strings("EXPLAIN SELECT msg_id, body FROM message WHERE conversation = 'g:42'"
                + " AND msg_id <= 1000 ORDER BY msg_id DESC LIMIT 20");

        Matcher partitions = Pattern.compile("message_p\\d\\d").matcher(String.join("\n", plan));
        List<String> scanned = new ArrayList<>();
        while (partitions.find()) {
            scanned.add(partitions.group());
        }
        assertThat(new java.util.HashSet<>(scanned)).as("partitions in the plan:\n%s", String.join("\n", plan))
                .hasSize(1);
    }

    private static List<String> keys(String table) throws SQLException {
        return strings("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '" + table
                + "'::regclass AND contype IN ('p', 'u')");
    }

    private static void insert(Connection connection, String conversation, long msgId, String text)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO message"
                + " (conversation, msg_id, from_user_id, msg_type, created_at, body) VALUES (?, ?, 7, 1, 1700000000, ?)"
                + " ON CONFLICT (conversation, msg_id) DO NOTHING")) {
            insert.setString(1, conversation);
            insert.setLong(2, msgId);
            insert.setBytes(3, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
    }

    private static Flyway flyway() {
        return Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.user(), "").load();
    }
}
