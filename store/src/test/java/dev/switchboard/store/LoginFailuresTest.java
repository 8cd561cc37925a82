package dev.switchboard.store;

import dev.switchboard.store.LoginFailures.Policy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed-login counting and backoff on a real Redis. */
class LoginFailuresTest {

    private static final Policy POLICY = new Policy(3, Duration.ofMinutes(15), Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    private static final long NOW = 1_800_000_000_000L;

    private final RedisTestSupport redis = new RedisTestSupport();
    private final LoginFailures failures = new LoginFailures(redis.text.async(), redis.keys);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void blocksFromTheThresholdOnWithADoublingBackoffUpToTheMaximum() {
        String subject = LoginFailures.user("victim");

        assertThat(join(failures.failed(subject, NOW, POLICY))).isZero();
        assertThat(join(failures.failed(subject, NOW, POLICY))).isZero();
        assertThat(join(failures.blockedUntil(subject))).isZero();
        assertThat(join(failures.failed(subject, NOW, POLICY))).isEqualTo(NOW + 1000);
        assertThat(join(failures.failed(subject, NOW, POLICY))).isEqualTo(NOW + 2000);
        assertThat(join(failures.failed(subject, NOW, POLICY))).isEqualTo(NOW + 4000);
        assertThat(join(failures.failed(subject, NOW, POLICY))).isEqualTo(NOW + 5000);
        for (int i = 0; i < 50; i++) {
            failures.failed(subject, NOW, POLICY);
        }
        assertThat(join(failures.failed(subject, NOW, POLICY))).as("bounded").isEqualTo(NOW + 5000);
        assertThat(join(failures.blockedUntil(subject))).isEqualTo(NOW + 5000);
    }

    @Test
    void aResetForgetsTheSubjectAndOtherSubjectsAreUntouched() {
        String victim = LoginFailures.user("victim");
        String other = LoginFailures.address("10.0.0.1");
        for (int i = 0; i < 3; i++) {
            join(failures.failed(victim, NOW, POLICY));
        }
        join(failures.failed(other, NOW, POLICY));

        join(failures.reset(victim));

        assertThat(join(failures.blockedUntil(victim))).isZero();
        assertThat(join(failures.failed(victim, NOW, POLICY))).as("counting starts again").isZero();
        assertThat(join(redis.text.async().hget(redis.keys.loginFailures(other), "count"))).isEqualTo("1");
    }

    @Test
    void everyKeyExpiresAWindowAfterTheLastFailureAndItsNameIsBounded() {
        String longName = "x".repeat(100_000);
        String subject = LoginFailures.user(longName);

        join(failures.failed(subject, NOW, POLICY));

        String key = redis.keys.loginFailures(subject);
        assertThat(key.length()).isLessThan(200);
        assertThat(join(redis.text.async().pttl(key))).isBetween(Duration.ofMinutes(14).toMillis(),
                Duration.ofMinutes(15).toMillis());
    }

    @Test
    void remembersTheNewestAddressesANameLoggedInFromUntilTheyAgeOut() {
        long now = System.currentTimeMillis();
        Duration keep = Duration.ofDays(30);
        assertThat(join(failures.knownAddress("alice", "10.0.0.1"))).isFalse();

        join(failures.rememberAddress("alice", "10.0.0.1", now - Duration.ofDays(31).toMillis(), keep));
        join(failures.rememberAddress("alice", "10.0.0.2", now, keep));

        assertThat(join(failures.knownAddress("alice", "10.0.0.1"))).as("aged out").isFalse();
        assertThat(join(failures.knownAddress("alice", "10.0.0.2"))).isTrue();
        assertThat(join(failures.knownAddress("bob", "10.0.0.2"))).as("per name").isFalse();

        for (int i = 0; i < LoginFailures.KNOWN_ADDRESSES; i++) {
            join(failures.rememberAddress("alice", "10.1.0." + i, now + 1 + i, keep));
        }
        assertThat(join(failures.knownAddress("alice", "10.0.0.2"))).as("only the newest are kept").isFalse();
        assertThat(join(failures.knownAddress("alice", "10.1.0.0"))).isTrue();
        String key = redis.keys.loginKnownAddresses(LoginFailures.user("alice"));
        assertThat(join(redis.text.async().zcard(key))).isEqualTo(LoginFailures.KNOWN_ADDRESSES);
        assertThat(join(redis.text.async().pttl(key))).isBetween(keep.minusMinutes(1).toMillis(), keep.toMillis());
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
