package dev.switchboard.local;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process (the binary inside the embedded-redis jar) with append-only persistence, fsynced on
 * every write, in a data directory that survives {@link #kill()}: {@link #start()} brings the same data back on the
 * same port, as after a crash.
 */
final class RedisProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final String READY = "Ready to accept connections";

    private final int port;
    private final Path directory;
    private final Path log;
    private Process process;
    private long logStart;

    RedisProcess(int port, Path directory) {
        this.port = port;
        this.directory = directory;
        this.log = directory.resolve("redis.log");
    }

    /** Starts the server and waits until it has loaded its data and accepts connections. */
    synchronized void start() {
        List<String> command;
        try {
            Files.createDirectories(directory);
            logStart = Files.exists(log) ? Files.size(log) : 0;
            command = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + directory)
                    .setting("appendonly yes")
                    .setting("appendfsync always")
                    .setting("save \"\"")
                    .setting("maxmemory-policy noeviction")
                    .buildCommandArgs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = LoggedProcess.start("redis on port " + port, command, log, READY_TIMEOUT, Duration.ofMillis(50),
                () -> logSinceStart().contains(READY));
    }

    /** SIGKILL; with {@code appendfsync always} every acknowledged write is already on disk. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        kill();
    }

    private String logSinceStart() throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        int from = (int) Math.min(logStart, bytes.length);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}
