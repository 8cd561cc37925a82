package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class MessageStoreTest {

    private final RedisTestSupport redis = new RedisTestSupport();
    private final MessageStore store = new MessageStore(redis.bytes.async(), redis.keys);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void allocatesIncreasingIdsPerConversationWhicheverSideSends() {
        assertThat(join(store.nextSingleMsgId(1, 2))).isEqualTo(1L);
        assertThat(join(store.nextSingleMsgId(2, 1))).isEqualTo(2L);
        assertThat(join(store.nextSingleMsgId(1, 3))).isEqualTo(1L);
        assertThat(join(store.latestSingleMsgId(1, 2))).isEqualTo(2L);
    }

    @Test
    void storesAMessageOnceAndCountsItUnreadOnce() {
        byte[] body = bytes("hello");

        assertThat(join(store.storeSingle(1, 2, 1, body, 100))).isTrue();
        assertThat(join(store.storeSingle(1, 2, 1, body, 100))).isFalse();
        assertThat(join(store.storeSingle(1, 2, 2, body, 101))).isTrue();

        assertThat(join(store.unread(2))).isEqualTo(Map.of("1:1", 2L));
        assertThat(join(store.unread(1))).isEmpty();
        assertThat(join(store.messagesById(2, 1, 1, List.of(1L, 2L, 3L)))).hasSize(2)
                .allSatisfy(stored -> assertThat(stored).isEqualTo(body));
    }

    @Test
    void readsNewestFirstFromABeginIdSkippingIdsThatWereNeverStored() {
        for (int id = 1; id <= 6; id++) {
            join(store.nextSingleMsgId(1, 2));
            if (id != 4) {
                join(store.storeSingle(1, 2, id, bytes("m" + id), 100 + id));
            }
        }

        assertThat(texts(store.messages(1, 1, 2, 0, 3))).containsExactly("m6", "m5", "m3");
        assertThat(texts(store.messages(2, 1, 1, 3, 10))).containsExactly("m3", "m2", "m1");
        assertThat(texts(store.messages(2, 1, 1, 99, 1))).containsExactly("m6");
        assertThat(join(store.latestMessage(2, 1, 1))).map(String::new).contains("m6");
        assertThat(join(store.latestMessage(2, 1, 3))).isEmpty();
    }

    @Test
    void readsAGroupConversationOnlyForMembers() {
        redis.text.sync().sadd(redis.keys.groupMembers(7), "1", "2");
        redis.text.sync().set(redis.keys.groupMsgId(7), "1");
        redis.bytes.sync().hset(redis.keys.groupHistory(7), "1", bytes("group hello"));

        assertThat(texts(store.messages(2, 2, 7, 0, 10))).containsExactly("group hello");
        assertThat(join(store.messagesById(1, 2, 7, List.of(1L)))).hasSize(1);
        assertThat(join(store.messages(3, 2, 7, 0, 10))).isEmpty();
        assertThat(join(store.messagesById(3, 2, 7, List.of(1L)))).isEmpty();
        assertThat(join(store.latestMessage(3, 2, 7))).isEqualTo(Optional.empty());
    }

    @Test
    void listsSessionsUpdatedAfterATimeNewestFirst() {
        join(store.storeSingle(1, 2, 1, bytes("a"), 100));
        join(store.storeSingle(3, 1, 1, bytes("b"), 200));

        assertThat(join(store.recentSessions(1, 0, 10)))
                .containsExactly(new RecentSession(1, 3, 200), new RecentSession(1, 2, 100));
        assertThat(join(store.recentSessions(1, 100, 10))).containsExactly(new RecentSession(1, 3, 200));
        assertThat(join(store.recentSessions(1, 0, 1))).containsExactly(new RecentSession(1, 3, 200));
    }

    @Test
    void removingASessionLeavesATombstoneUntilANewMessageBringsItBack() {
        join(store.storeSingle(2, 1, 1, bytes("a"), 100));

        assertThat(join(store.removeSession(1, 1, 2, 150))).isTrue();

        assertThat(join(store.recentSessions(1, 0, 10))).isEmpty();
        assertThat(join(store.removedSessions(1, 0, 10))).containsExactly(new RecentSession(1, 2, 150));
        assertThat(join(store.unread(1))).isEmpty();

        join(store.storeSingle(2, 1, 2, bytes("b"), 200));

        assertThat(join(store.recentSessions(1, 0, 10))).containsExactly(new RecentSession(1, 2, 200));
        assertThat(join(store.removedSessions(1, 0, 10))).isEmpty();
        assertThat(join(store.removeSession(1, 1, 2, 150))).as("a replayed older removal").isFalse();
        assertThat(join(store.recentSessions(1, 0, 10))).containsExactly(new RecentSession(1, 2, 200));
    }

    @Test
    void clearsOneConversationsUnreadCounter() {
        join(store.storeSingle(2, 1, 1, bytes("a"), 100));
        join(store.storeSingle(3, 1, 1, bytes("b"), 100));

        join(store.clearUnread(1, 1, 2));

        assertThat(join(store.unread(1))).isEqualTo(Map.of("1:3", 1L));
    }

    private static List<String> texts(CompletionStage<List<byte[]>> stage) {
        return join(stage).stream().map(value -> new String(value, StandardCharsets.UTF_8)).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
