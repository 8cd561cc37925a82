package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's view of group conversations (unread counts, recent and removed sessions) as derived from the group's
 * counter and the member's read mark, mixed with 1:1 conversations.
 */
class GroupConversationTest {

    private final RedisTestSupport redis = new RedisTestSupport();
    private final GroupStore groups = new GroupStore(redis.text.async(), redis.keys);
    private final GroupMessageStore groupMessages = new GroupMessageStore(redis.bytes.async(), redis.keys);
    private final MessageStore messages = new MessageStore(redis.bytes.async(), redis.keys);
    private long group;
    private String field;
    private long nextMsgId = 1;

    @BeforeEach
    void groupOfThree() {
        for (long id = 1; id <= 5; id++) {
            join(redis.text.async().hset(redis.keys.user(id), "name", "user" + id));
        }
        group = join(groups.create("team", "", 1, GroupRecord.TMP, List.of(2L, 3L))).orElseThrow().id();
        field = RedisKeys.sessionField(2, group);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void everyMemberButTheSenderCountsEachMessageOnce() {
        send(1, 100);
        send(1, 101);
        assertThat(join(groupMessages.store(group, 1, 2, bytes("again"), 101)).result())
                .isEqualTo(GroupMessageStore.Result.DUPLICATE);
        send(1, 102);

        assertThat(join(messages.unread(2))).isEqualTo(Map.of(field, 3L));
        assertThat(join(messages.unread(1))).isEmpty();

        send(2, 103);

        assertThat(join(messages.unread(2))).as("the sender has read the group").isEmpty();
        assertThat(join(messages.unread(1))).isEqualTo(Map.of(field, 1L));
        assertThat(join(messages.unread(3))).isEqualTo(Map.of(field, 4L));
    }

    @Test
    void readingClearsTheGroupUntilTheNextMessage() {
        send(1, 100);
        send(1, 101);

        join(messages.clearUnread(2, 2, group));
        join(messages.clearUnread(4, 2, group));

        assertThat(join(messages.unread(2))).isEmpty();
        assertThat(join(messages.unread(3))).isEqualTo(Map.of(field, 2L));
        assertThat(join(redis.text.async().hgetall(redis.keys.groupRead(4)))).as("no mark for a non-member").isEmpty();

        send(1, 102);

        assertThat(join(messages.unread(2))).isEqualTo(Map.of(field, 1L));
    }

    @Test
    void aNewMemberHasNothingUnreadFromBeforeAndALeaverNothingAtAll() {
        send(1, 100);
        send(1, 101);

        join(groups.addMembers(group, List.of(4L)));
        join(groups.removeMembers(group, List.of(2L)));

        assertThat(join(messages.unread(4))).isEmpty();
        assertThat(join(messages.unread(2))).isEmpty();
        assertThat(join(messages.recentSessions(2, 0, 10))).isEmpty();

        send(1, 102);
        join(groups.addMembers(group, List.of(2L)));

        assertThat(join(messages.unread(4))).isEqualTo(Map.of(field, 1L));
        assertThat(join(messages.unread(2))).as("back in, from now on").isEmpty();
        assertThat(join(messages.unread(3))).isEqualTo(Map.of(field, 3L));
    }

    @Test
    void recentSessionsMixOneToOneAndGroupsByTime() {
        long quiet = join(groups.create("quiet", "", 1, GroupRecord.TMP, List.of(2L))).orElseThrow().id();
        join(messages.storeSingle(5, 1, 1, bytes("a"), 100));
        send(3, 150);
        join(messages.storeSingle(1, 4, 1, bytes("b"), 200));

        assertThat(join(messages.recentSessions(1, 0, 10))).as("a group without messages has no session")
                .containsExactly(new RecentSession(1, 4, 200), new RecentSession(2, group, 150),
                        new RecentSession(1, 5, 100));
        assertThat(join(messages.recentSessions(1, 100, 10)))
                .containsExactly(new RecentSession(1, 4, 200), new RecentSession(2, group, 150));
        assertThat(join(messages.recentSessions(1, 150, 10))).containsExactly(new RecentSession(1, 4, 200));
        assertThat(join(messages.recentSessions(1, 0, 2)))
                .containsExactly(new RecentSession(1, 4, 200), new RecentSession(2, group, 150));

        join(groupMessages.store(quiet, 2, 1, bytes("c"), 300));

        assertThat(join(messages.recentSessions(1, 0, 1))).containsExactly(new RecentSession(2, quiet, 300));
        assertThat(join(messages.unread(1)))
                .isEqualTo(Map.of("1:5", 1L, field, 1L, RedisKeys.sessionField(2, quiet), 1L));
    }

    @Test
    void aRemovedGroupSessionStaysHiddenUntilANewerMessageEvenInTheSameSecond() {
        send(1, 100);
        send(1, 100);

        assertThat(join(messages.removeSession(2, 2, group, 100))).isTrue();

        assertThat(join(messages.recentSessions(2, 0, 10))).isEmpty();
        assertThat(join(messages.removedSessions(2, 0, 10))).containsExactly(new RecentSession(2, group, 100));
        assertThat(join(messages.unread(2))).isEmpty();
        assertThat(join(messages.recentSessions(3, 0, 10))).as("only for that user")
                .containsExactly(new RecentSession(2, group, 100));
        assertThat(join(messages.unread(3))).isEqualTo(Map.of(field, 2L));

        send(1, 100);

        assertThat(join(messages.recentSessions(2, 0, 10))).containsExactly(new RecentSession(2, group, 100));
        assertThat(join(messages.removedSessions(2, 0, 10))).isEmpty();
        assertThat(join(messages.unread(2))).isEqualTo(Map.of(field, 1L));

        send(1, 200);

        assertThat(join(messages.removeSession(2, 2, group, 150))).as("a replayed older removal").isFalse();
        assertThat(join(messages.recentSessions(2, 0, 10))).containsExactly(new RecentSession(2, group, 200));
        assertThat(join(messages.unread(2))).isEqualTo(Map.of(field, 2L));
    }

    @Test
    void membersFromBeforeGroupCountersKeepTheirUnreadAndSessions() {
        long old = 900;
        String oldField = RedisKeys.sessionField(2, old);
        join(redis.text.async().sadd(redis.keys.groupMembers(old), "1", "2"));
        join(redis.text.async().sadd(redis.keys.userGroups(2), String.valueOf(old)));
        join(redis.text.async().hset(redis.keys.unread(2), oldField, "2"));
        join(redis.text.async().zadd(redis.keys.sessions(2), 50, oldField));

        assertThat(join(messages.unread(2))).isEqualTo(Map.of(oldField, 2L));
        assertThat(join(messages.recentSessions(2, 0, 10))).containsExactly(new RecentSession(2, old, 50));

        join(groupMessages.store(old, 1, 1, bytes("new"), 60));

        assertThat(join(messages.unread(2))).isEqualTo(Map.of(oldField, 3L));
        assertThat(join(messages.recentSessions(2, 0, 10))).containsExactly(new RecentSession(2, old, 60));

        join(messages.clearUnread(2, 2, old));

        assertThat(join(messages.unread(2))).isEmpty();
    }

    private void send(long senderId, long seconds) {
        assertThat(join(groupMessages.store(group, senderId, nextMsgId++, bytes("m"), seconds)).result())
                .isEqualTo(GroupMessageStore.Result.STORED);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
