package dev.switchboard.gateway;

import dev.switchboard.database.DatabaseMigrations;
import dev.switchboard.embedded.EmbeddedPostgresServer;
import dev.switchboard.embedded.SharedInfrastructure;
import dev.switchboard.pdu.GoldenFrames;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.store.Credentials;
import dev.switchboard.store.UserDirectory;
import dev.switchboard.store.UserRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What the gateway's integration tests share: a gateway on port 0 with its own id and Redis key prefix (each test
 * class registers its own, so each gets a fresh context), the golden users and the golden frames.
 */
public final class GatewayTestSupport {

    /** md5hex("123456"), what TeamTalk's client sends for both golden users. */
    public static final String PASSWORD_MD5 = "e10adc3949ba59abbe56e057f20f883e";

    private static final List<GoldenFrame> GOLDEN = GoldenFrames.load();
    private static boolean migrated;

    private GatewayTestSupport() {
    }

    /**
     * A gateway on a free port, with a unique id and key prefix, on the shared Redis, Kafka and PostgreSQL (its
     * schema migrated, as route-service would have).
     */
    public static void gatewayProperties(DynamicPropertyRegistry registry) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
        registry.add("switchboard.redis.url", () -> SharedInfrastructure.redis().url());
        registry.add("spring.datasource.url", GatewayTestSupport::migratedPostgres);
        registry.add("spring.datasource.username", () -> SharedInfrastructure.postgres().user());
        registry.add("spring.datasource.password", () -> "");
        registry.add("switchboard.redis.key-prefix", () -> "gwtest:" + unique + ":");
        registry.add("switchboard.gateway.port", () -> 0);
        registry.add("switchboard.gateway.host", () -> "127.0.0.1");
        registry.add("switchboard.gateway.id", () -> "gwtest-" + unique);
    }

    private static synchronized String migratedPostgres() {
        EmbeddedPostgresServer postgres = SharedInfrastructure.postgres();
        if (!migrated) {
            DatabaseMigrations.migrate(new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl(),
                    postgres.user(), ""));
            migrated = true;
        }
        return postgres.jdbcUrl();
    }

    /** user11 and user12 as TeamTalk's database held them in the golden session (password 123456). */
    public static void seedGoldenUsers(UserDirectory directory) {
        CompletableFuture.allOf(
                directory.save(goldenUser(11)).toCompletableFuture(),
                directory.save(goldenUser(12)).toCompletableFuture()).join();
    }

    private static UserRecord goldenUser(long id) {
        return new UserRecord(id, "user" + id, "nick" + id, 0, "", 1, "", "user" + id, "", "", 0, "",
                Credentials.hash(PASSWORD_MD5, 1000), 1_700_000_000L);
    }

    /** The {@code index}-th golden frame (0-based) of a connection, direction and command id. */
    public static GoldenFrame golden(int connection, boolean fromServer, int commandId, int index) {
        return GOLDEN.stream()
                .filter(frame -> frame.connection() == connection && frame.fromServer() == fromServer
                        && frame.commandId() == commandId)
                .skip(index)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no golden frame conn=%d fromServer=%s cid=0x%04x #%d"
                        .formatted(connection, fromServer, commandId, index)));
    }

    public static GoldenFrame golden(int connection, boolean fromServer, int commandId) {
        return golden(connection, fromServer, commandId, 0);
    }

    /** The frame's protobuf body (the bytes after the 16-byte header). */
    public static byte[] body(GoldenFrame frame) {
        return java.util.Arrays.copyOfRange(frame.frame(), 16, frame.frame().length);
    }

    /** A counter's count, 0 when it was never incremented. */
    public static double count(MeterRegistry registry, String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
