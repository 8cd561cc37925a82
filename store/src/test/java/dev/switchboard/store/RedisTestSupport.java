package dev.switchboard.store;

import dev.switchboard.embedded.SharedInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.util.UUID;

/** A connection to the JVM's shared embedded Redis and a key prefix unique to one test. */
final class RedisTestSupport implements AutoCloseable {

    final RedisClient client = RedisClient.create(SharedInfrastructure.redis().url());
    final StatefulRedisConnection<String, String> text = client.connect(StringCodec.UTF8);
    final StatefulRedisConnection<String, byte[]> bytes =
            client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    final RedisKeys keys = new RedisKeys("test-" + UUID.randomUUID() + ":");

    @Override
    public void close() {
        text.close();
        bytes.close();
        client.shutdown();
    }
}
