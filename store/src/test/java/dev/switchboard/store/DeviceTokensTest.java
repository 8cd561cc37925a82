package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceTokensTest {

    private final RedisTestSupport redis = new RedisTestSupport();
    private final DeviceTokens tokens = new DeviceTokens(redis.text.async(), redis.keys);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void keepsOneTokenPerClientTypeAndForgetsItOnRemove() {
        tokens.save(5, 0x11, "old").toCompletableFuture().join();
        tokens.save(5, 0x11, "ios-token").toCompletableFuture().join();
        tokens.save(5, 0x12, "android-token").toCompletableFuture().join();

        assertThat(tokens.tokens(5).toCompletableFuture().join())
                .isEqualTo(Map.of(0x11, "ios-token", 0x12, "android-token"));

        tokens.remove(5, 0x11).toCompletableFuture().join();

        assertThat(tokens.tokens(5).toCompletableFuture().join()).isEqualTo(Map.of(0x12, "android-token"));
    }

    @Test
    void keepsThePushShieldOffUntilSetAndReadsBackTheLastValue() {
        assertThat(tokens.pushShield(6).toCompletableFuture().join()).isFalse();

        tokens.setPushShield(6, true).toCompletableFuture().join();
        assertThat(tokens.pushShield(6).toCompletableFuture().join()).isTrue();
        assertThat(tokens.pushShield(7).toCompletableFuture().join()).as("another user").isFalse();

        tokens.setPushShield(6, false).toCompletableFuture().join();
        assertThat(tokens.pushShield(6).toCompletableFuture().join()).isFalse();
    }
}
