package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserDirectoryTest {

    private final RedisTestSupport redis = new RedisTestSupport();
    private final UserDirectory directory = new UserDirectory(redis.text.async(), redis.keys);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void findsASavedUserByNameAndId() {
        UserRecord user = new UserRecord(7, "alice", "Alice", 1, "http://a/avatar.png", 3, "a@example.com",
                "Alice A", "555", "alice", 0, "hi", "pbkdf2-sha256$1$AA$AA", 1_700_000_000L);
        directory.save(user).toCompletableFuture().join();

        assertThat(directory.findByName("alice").toCompletableFuture().join()).contains(user);
        assertThat(directory.findById(7).toCompletableFuture().join()).contains(user);
        assertThat(directory.findByName("bob").toCompletableFuture().join()).isEmpty();
        assertThat(user.toUserInfo().getUserNickName()).isEqualTo("Alice");
        assertThat(user.toString()).doesNotContain("pbkdf2");
    }
}
