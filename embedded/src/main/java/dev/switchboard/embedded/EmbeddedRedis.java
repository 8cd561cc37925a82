package dev.switchboard.embedded;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real {@code redis-server} (the binary shipped inside the embedded-redis jar) bound to loopback on a free port,
 * without persistence. Start with {@link #start()}, stop with {@link #close()}.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;

    private EmbeddedRedis(int port, RedisServer server) {
        this.port = port;
        this.server = server;
    }

    /** Starts a server on a free port. */
    public static EmbeddedRedis start() {
        return start(FreePorts.next());
    }

    /** Starts a server on {@code port}. */
    public static EmbeddedRedis start(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory-policy noeviction")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            return new EmbeddedRedis(port, server);
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    /** The Lettuce/Spring URL of this server. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not stop", e);
        }
    }
}
