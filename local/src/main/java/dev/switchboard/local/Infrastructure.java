package dev.switchboard.local;

import ch.qos.logback.classic.Level;
import dev.switchboard.embedded.EmbeddedKafka;
import dev.switchboard.embedded.EmbeddedPostgresServer;
import dev.switchboard.embedded.EmbeddedRedis;
import dev.switchboard.embedded.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The embedded Redis server, Kafka broker (KRaft) and PostgreSQL server the services share, running with the launcher;
 * or, given a PostgreSQL URL, that database instead of the embedded one.
 */
final class Infrastructure implements AutoCloseable {

    /** Default partition count of auto-created topics. */
    static final int PARTITIONS = 4;

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private final EmbeddedRedis redis;
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgresServer postgres;
    private final String postgresUrl;

    private Infrastructure(EmbeddedRedis redis, EmbeddedKafka kafka, EmbeddedPostgresServer postgres,
                           String postgresUrl) {
        this.redis = redis;
        this.kafka = kafka;
        this.postgres = postgres;
        this.postgresUrl = postgresUrl;
    }

    /**
     * Starts Redis, Kafka and, when {@code postgresUrl} is empty, PostgreSQL on a free port; a port of 0 means a free
     * one. Whatever started is stopped again if a later one fails.
     */
    static Infrastructure start(int kafkaPort, int redisPort, String postgresUrl) {
        EmbeddedRedis redis = startRedis(redisPort == 0 ? FreePorts.next() : redisPort);
        EmbeddedKafka kafka;
        try {
            kafka = withoutStdout(() -> EmbeddedKafka.start(PARTITIONS, kafkaPort));
            log.info("kafka started bootstrapServers={} partitions={}", kafka.bootstrapServers(), PARTITIONS);
        } catch (RuntimeException e) {
            redis.close();
            throw new StartupException("embedded kafka did not start: " + e.getMessage(), e);
        }
        if (!postgresUrl.isEmpty()) {
            return new Infrastructure(redis, kafka, null, postgresUrl);
        }
        try {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
            String url = postgres.jdbcUrl() + "?user=" + postgres.user();
            log.info("postgresql started url={}", url);
            return new Infrastructure(redis, kafka, postgres, url);
        } catch (RuntimeException | LinkageError e) {
            new Infrastructure(redis, kafka, null, "").close();
            throw new StartupException("embedded postgresql did not start: " + e.getMessage(), e);
        }
    }

    Backends backends() {
        return new Backends(bootstrapServers(), redisUrl(), postgresUrl);
    }

    /** The JDBC URL the services write to: the embedded server's, or the one given. */
    String postgresUrl() {
        return postgresUrl;
    }

    /** The pid of the embedded PostgreSQL server, if there is one and it answers. */
    OptionalLong postgresPid() {
        if (postgres == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(postgres.pid());
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String redisUrl() {
        return redis.url();
    }

    int redisPort() {
        return redis.port();
    }

    /** The pid of the {@code redis-server} child process, if this JVM can see it. */
    OptionalLong redisPid() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .findFirst();
    }

    /** Stops Kafka, then Redis, then PostgreSQL; a failure of one does not keep the others running. */
    @Override
    public void close() {
        silenceKafkaLogs();
        try {
            kafka.close();
        } catch (RuntimeException e) {
            log.warn("kafka stop failed error={}", e.toString());
        }
        try {
            redis.close();
        } catch (RuntimeException e) {
            log.warn("redis stop failed error={}", e.toString());
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (RuntimeException e) {
                log.warn("postgresql stop failed error={}", e.toString());
            }
        }
    }

    /** Kafka's storage formatter prints to stdout; keep the launcher's console for what the user needs. */
    private static <T> T withoutStdout(Supplier<T> action) {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * On Ctrl-C the test kit's own shutdown hook deletes the broker's temporary directory while the broker stops,
     * and Kafka logs pages of checkpoint errors for data that is thrown away anyway.
     */
    private static void silenceKafkaLogs() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(Level.OFF);
            }
        }
    }

    private static EmbeddedRedis startRedis(int port) {
        try {
            EmbeddedRedis redis = EmbeddedRedis.start(port);
            log.info("redis started url={}", redis.url());
            return redis;
        } catch (RuntimeException e) {
            throw new StartupException("embedded redis did not start on port " + port + ": " + e.getMessage(), e);
        }
    }
}
