package dev.switchboard.store;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the Redis schema for a service: one Lettuce client (its command latencies on the service's meter registry),
 * one shared connection for text values and one for byte values (Lettuce connections are thread-safe and pipeline
 * concurrent commands), and the store objects on top.
 */
@AutoConfiguration
@EnableConfigurationProperties({StoreProperties.class, StatusProperties.class})
public class StoreAutoConfiguration {

    /**
     * Lettuce's event loops and timers, recording command latencies on the service's meter registry when it has one
     * (see {@link RedisCommandLatency}).
     */
    @Bean(destroyMethod = "shutdown")
    ClientResources switchboardRedisResources(ObjectProvider<MeterRegistry> meters) {
        ClientResources.Builder resources = ClientResources.builder();
        meters.ifAvailable(registry -> resources.commandLatencyRecorder(RedisCommandLatency.recorder(registry)));
        return resources.build();
    }

    /** Shapes the Redis latency timer's buckets (Spring Boot applies every {@code MeterFilter} bean). */
    @Bean
    MeterFilter redisCommandLatencyFilter() {
        return new RedisCommandLatency();
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient switchboardRedisClient(ClientResources switchboardRedisResources, StoreProperties properties) {
        return RedisClient.create(switchboardRedisResources, properties.url());
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> switchboardRedisText(RedisClient client) {
        return client.connect(StringCodec.UTF8);
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, byte[]> switchboardRedisBytes(RedisClient client) {
        return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @Bean
    RedisKeys redisKeys(StoreProperties properties) {
        return new RedisKeys(properties.keyPrefix());
    }

    @Bean
    UserDirectory userDirectory(StatefulRedisConnection<String, String> switchboardRedisText, RedisKeys keys) {
        return new UserDirectory(switchboardRedisText.async(), keys);
    }

    @Bean
    DepartmentStore departmentStore(StatefulRedisConnection<String, String> switchboardRedisText, RedisKeys keys) {
        return new DepartmentStore(switchboardRedisText.async(), keys);
    }

    @Bean
    PresenceReader presenceReader(StatefulRedisConnection<String, String> switchboardRedisText, RedisKeys keys) {
        return new PresenceReader(switchboardRedisText.async(), keys);
    }

    @Bean
    PresenceStore presenceStore(StatefulRedisConnection<String, String> switchboardRedisText, RedisKeys keys) {
        return new PresenceStore(switchboardRedisText.async(), keys);
    }

    @Bean
    DrainingGateways drainingGateways(StatefulRedisConnection<String, String> switchboardRedisText, RedisKeys keys) {
        return new DrainingGateways(switchboardRedisText.async(), keys);
    }

    @Bean
    UserStatus userStatus(StatusProperties properties) {
        return new UserStatus(properties.statusMode());
    }

    @Bean
    MessageStore messageStore(StatefulRedisConnection<String, byte[]> switchboardRedisBytes, RedisKeys keys,
                              ObjectProvider<ColdHistory> coldHistory) {
        return new MessageStore(switchboardRedisBytes.async(), keys,
                coldHistory.getIfAvailable(() -> ColdHistory.NONE));
    }

    @Bean
    DeviceTokens deviceTokens(StatefulRedisConnection<String, String> switchboardRedisText, RedisKeys keys) {
        return new DeviceTokens(switchboardRedisText.async(), keys);
    }

    @Bean
    GroupStore groupStore(StatefulRedisConnection<String, String> switchboardRedisText, RedisKeys keys) {
        return new GroupStore(switchboardRedisText.async(), keys);
    }

    @Bean
    SendClaims sendClaims(StatefulRedisConnection<String, String> switchboardRedisText, RedisKeys keys) {
        return new SendClaims(switchboardRedisText.async(), keys);
    }

    @Bean
    GroupMessageStore groupMessageStore(StatefulRedisConnection<String, byte[]> switchboardRedisBytes, RedisKeys keys) {
        return new GroupMessageStore(switchboardRedisBytes.async(), keys);
    }

    @Bean
    LoginFailures loginFailures(StatefulRedisConnection<String, String> switchboardRedisText, RedisKeys keys) {
        return new LoginFailures(switchboardRedisText.async(), keys);
    }
}
