package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

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
        UserRecord user = user(7, "alice", 1_700_000_000L);
        assertThat(join(directory.save(user))).isEqualTo(DirectoryWrite.OK);

        assertThat(join(directory.findByName("alice"))).contains(user);
        assertThat(join(directory.findById(7))).contains(user);
        assertThat(join(directory.findByName("bob"))).isEmpty();
        assertThat(user.toUserInfo().getUserNickName()).isEqualTo("Alice");
        assertThat(user.toString()).doesNotContain("pbkdf2");
    }

    @Test
    void listsUsersUpdatedStrictlyAfterATime() {
        join(directory.save(user(1, "a", 100)));
        join(directory.save(user(2, "b", 200)));
        join(directory.save(user(3, "c", 300)));

        assertThat(join(directory.updatedAfter(200))).extracting(UserRecord::id).containsExactly(3L);
        assertThat(join(directory.updatedAfter(0))).extracting(UserRecord::id).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anUpdateBumpsTheUpdatedTimeSoIncrementalSyncSeesIt() {
        join(directory.save(user(1, "a", 100)));
        join(directory.save(user(2, "b", 200)));

        DirectoryWrite result = join(directory.update(1, Map.of(UserField.SIGN_INFO, "busy", UserField.STATUS, "1"), 500));

        assertThat(result).isEqualTo(DirectoryWrite.OK);
        List<UserRecord> changed = join(directory.updatedAfter(200));
        assertThat(changed).extracting(UserRecord::id).containsExactly(1L);
        assertThat(changed.get(0).signInfo()).isEqualTo("busy");
        assertThat(changed.get(0).updatedAt()).isEqualTo(500);
        assertThat(changed.get(0).active()).isFalse();
        assertThat(join(directory.update(99, Map.of(UserField.NICK, "x"), 500))).isEqualTo(DirectoryWrite.NOT_FOUND);
        assertThat(join(directory.findById(99))).isEmpty();
    }

    @Test
    void aRenameMovesTheNameIndexAndNeverTakesAnotherUsersName() {
        join(directory.save(user(1, "a", 100)));
        join(directory.save(user(2, "b", 100)));

        assertThat(join(directory.update(1, Map.of(UserField.NAME, "b"), 200))).isEqualTo(DirectoryWrite.NAME_TAKEN);
        assertThat(join(directory.update(1, Map.of(UserField.NAME, "z"), 200))).isEqualTo(DirectoryWrite.OK);

        assertThat(join(directory.findByName("a"))).isEmpty();
        assertThat(join(directory.findByName("z"))).map(UserRecord::id).contains(1L);
        assertThat(join(directory.findByName("b"))).map(UserRecord::id).contains(2L);
        assertThat(join(directory.save(user(3, "z", 100)))).isEqualTo(DirectoryWrite.NAME_TAKEN);
    }

    @Test
    void createRefusesATakenIdOrName() {
        join(directory.create(user(5, "e", 100)));

        assertThat(join(directory.create(user(5, "other", 100)))).isEqualTo(DirectoryWrite.ID_TAKEN);
        assertThat(join(directory.create(user(6, "e", 100)))).isEqualTo(DirectoryWrite.NAME_TAKEN);
        assertThat(join(directory.findById(6))).isEmpty();
        assertThat(join(directory.nextFreeId())).isEqualTo(6L);
    }

    @Test
    void pagesByAscendingIdAndFindsManyAtOnce() {
        for (long id : new long[]{10, 2, 33, 4}) {
            join(directory.save(user(id, "u" + id, 1000 - id)));
        }

        assertThat(join(directory.list(0, 2))).extracting(UserRecord::id).containsExactly(2L, 4L);
        assertThat(join(directory.list(2, 2))).extracting(UserRecord::id).containsExactly(10L, 33L);
        assertThat(join(directory.count())).isEqualTo(4);
        assertThat(join(directory.findAll(List.of(33L, 7L, 2L, 33L)))).extracting(UserRecord::id)
                .containsExactly(33L, 2L);
        assertThat(join(directory.nextFreeId())).isEqualTo(34L);
    }

    @Test
    void aCredentialUpgradeLandsOnlyOverTheCredentialThatWasChecked() {
        UserRecord user = user(8, "carol", 1_700_000_000L);
        join(directory.save(user));

        assertThat(join(directory.upgradeCredential(8, "teamtalk-md5$1$stale", "pbkdf2-sha256$1$BB$BB"))).isFalse();
        assertThat(join(directory.findById(8)).orElseThrow().credential()).isEqualTo(user.credential());

        assertThat(join(directory.upgradeCredential(8, user.credential(), "pbkdf2-sha256$1$BB$BB"))).isTrue();
        UserRecord upgraded = join(directory.findById(8)).orElseThrow();
        assertThat(upgraded.credential()).isEqualTo("pbkdf2-sha256$1$BB$BB");
        assertThat(upgraded.updatedAt()).as("clients see no change").isEqualTo(user.updatedAt());

        assertThat(join(directory.upgradeCredential(99, "x", "y"))).as("no such user").isFalse();
        assertThat(join(directory.findById(99))).isEmpty();
    }

    private static UserRecord user(long id, String name, long updated) {
        return new UserRecord(id, name, "Alice", 1, "http://a/avatar.png", 3, "a@example.com",
                "Alice A", "555", name, 0, "hi", "pbkdf2-sha256$1$AA$AA", updated);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
