package dev.switchboard.embedded;

import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

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
        return start(port, List.of());
    }

    private static EmbeddedRedis start(int port, List<String> settings) {
        try {
            RedisServerBuilder builder = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory-policy noeviction")
                    .onShutdownForceStop(true);
            settings.forEach(builder::setting);
            RedisServer server = builder.build();
            server.start();
            return new EmbeddedRedis(port, server);
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start on port " + port, e);
        }
    }

    /**
     * Starts a server on a free port that only lets {@code user} in with {@code password} (Redis 6 ACL; the
     * {@code default} user is disabled): for tests of the services' Redis credentials. Its URL with the credentials
     * is {@link #url(String, String)}.
     */
    public static EmbeddedRedis startWithUser(String user, String password) {
        return start(FreePorts.next(),
                List.of("user default off", "user " + user + " on >" + password + " ~* &* +@all"));
    }

    /** The URL of this server with a user and password. */
    public String url(String user, String password) {
        return "redis://" + user + ":" + password + "@127.0.0.1:" + port;
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
