package dev.switchboard.embedded;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One Redis server, one Kafka broker and one PostgreSQL server per JVM, started on first use and stopped when the JVM
 * exits. Test suites share them to stay fast; each test isolates itself with its own Redis key prefix, topic names and
 * conversations or users (PostgreSQL), or a server of its own. Whatever uses them
 * registers its own shutdown with {@link #beforeStop}, so at exit clients stop first (most recent first), then Kafka,
 * then Redis, then PostgreSQL: no consumer is left waiting for a broker that is already gone.
 */
public final class SharedInfrastructure {

    private static final Deque<Runnable> BEFORE_STOP = new ArrayDeque<>();
    private static EmbeddedRedis redis;
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stop, "shared-infrastructure-stop"));
    }

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedRedis redis() {
        if (redis == null) {
            redis = EmbeddedRedis.start();
        }
        return redis;
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(4);
        }
        return kafka;
    }

    /** The JVM's PostgreSQL server, the {@code postgres} database, schema not migrated. */
    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start();
        }
        return postgres;
    }

    /** Runs {@code task} at JVM exit before the infrastructure stops. */
    public static synchronized void beforeStop(Runnable task) {
        BEFORE_STOP.push(task);
    }

    private static synchronized void stop() {
        while (!BEFORE_STOP.isEmpty()) {
            try {
                BEFORE_STOP.pop().run();
            } catch (RuntimeException e) {
                System.err.println("shutdown task failed: " + e);
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
