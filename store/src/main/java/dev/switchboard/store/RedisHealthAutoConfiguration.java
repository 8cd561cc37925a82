package dev.switchboard.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;

/**
 * The Spring Data {@link RedisConnectionFactory} that Spring Boot's Redis health indicator ({@code redis}, part of
 * {@code /actuator/health/readiness}) checks, on {@code switchboard.redis.url}: Boot's own Redis auto-configuration
 * ({@code spring.data.redis.*}) backs off, so a service has one Redis address. The services' traffic does not use
 * it (see {@link StoreAutoConfiguration}); it shares their Lettuce client's threads and opens a fresh connection for
 * each check, which fails within {@link #CHECK_TIMEOUT} (connect, then {@code INFO}) when Redis is unreachable and
 * succeeds as soon as Redis is back, without waiting for a reconnect backoff.
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class, after = StoreAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
public class RedisHealthAutoConfiguration {

    /** How long one health check may take to connect, and then to get its answer. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    @ConditionalOnMissingBean
    RedisConnectionFactory redisConnectionFactory(StoreProperties properties, RedisClient switchboardRedisClient) {
        RedisURI uri = RedisURI.create(properties.url());
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .apply(uri)
                .commandTimeout(CHECK_TIMEOUT)
                .clientResources(switchboardRedisClient.getResources())
                .clientOptions(ClientOptions.builder()
                        .autoReconnect(false)
                        .socketOptions(SocketOptions.builder().connectTimeout(CHECK_TIMEOUT).build())
                        .build())
                .build();
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client);
        factory.setShareNativeConnection(false);
        return factory;
    }
}
