package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    void storesARunOfMessagesInOrderOnceEachAndReadsBothUsersPresenceAfterEachStore() {
        PresenceStore presence = new PresenceStore(redis.text.async(), redis.keys);
        PresenceEntry phone = new PresenceEntry(2, "gw-1", 20, 0x12, 1, 200);
        PresenceEntry desktop = new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100);
        join(presence.renew(new GatewayInfo("gw-0", "127.0.0.1", "", 8000, 0, 100, Long.MAX_VALUE)));
        join(presence.renew(new GatewayInfo("gw-1", "127.0.0.1", "", 8001, 0, 100, Long.MAX_VALUE)));
        join(presence.online(phone, DevicePolicy.UNLIMITED));
        join(presence.online(desktop, DevicePolicy.UNLIMITED));
        List<MessageStore.SingleMessage> run = List.of(
                new MessageStore.SingleMessage(1, 2, 1, bytes("a"), 100),
                new MessageStore.SingleMessage(3, 2, 1, bytes("b"), 101),
                new MessageStore.SingleMessage(1, 2, 1, bytes("a again"), 102));

        List<MessageStore.StoredSingle> stored = join(store.storeSingles(run, true));

        assertThat(stored).extracting(MessageStore.StoredSingle::stored).containsExactly(true, true, false);
        assertThat(stored.get(0).recipientConnections()).containsExactly(phone);
        assertThat(stored.get(0).senderConnections()).containsExactly(desktop);
        assertThat(stored.get(1).senderConnections()).isEmpty();
        assertThat(join(store.unread(2))).isEqualTo(Map.of("1:1", 1L, "1:3", 1L));
        assertThat(join(store.messagesById(2, 1, 1, List.of(1L)))).singleElement().extracting(String::new)
                .isEqualTo("a");
        assertThat(join(store.storeSingles(run, false))).extracting(MessageStore.StoredSingle::stored)
                .containsExactly(false, false, false);
    }

    @Test
    void storesARunLongerThanOneScriptRunCompletely() {
        List<MessageStore.SingleMessage> run = new java.util.ArrayList<>();
        for (int id = 1; id <= MessageStore.MAX_RUN * 2 + 3; id++) {
            run.add(new MessageStore.SingleMessage(1, 2, id, bytes("m" + id), 100 + id));
        }

        List<MessageStore.StoredSingle> stored = join(store.storeSingles(run, false));

        assertThat(stored).hasSize(run.size()).allMatch(MessageStore.StoredSingle::stored);
        assertThat(join(store.unread(2))).isEqualTo(Map.of("1:1", (long) run.size()));
        assertThat(join(store.messagesById(2, 1, 1, List.of((long) run.size())))).singleElement()
                .extracting(String::new).isEqualTo("m" + run.size());
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

    @Test
    void theCacheKeepsTheNewestMessagesOnceCommittedAndSaysWhereItEnds() {
        for (int id = 1; id <= 30; id++) {
            join(store.nextSingleMsgId(1, 2));
            join(store.storeSingle(1, 2, id, bytes("m" + id), 100 + id));
        }
        assertThat(texts(store.messages(2, 1, 1, 0, 100))).hasSize(30);

        long removed = join(store.trimHistory(List.of(new MessageStore.Committed(1, 2, 1, 30)), 10,
                Duration.ofDays(1)));

        assertThat(removed).isEqualTo(20);
        assertThat(texts(store.messages(2, 1, 1, 0, 100))).as("the cache alone: the newest 10")
                .containsExactly("m30", "m29", "m28", "m27", "m26", "m25", "m24", "m23", "m22", "m21");
        assertThat(texts(store.messages(2, 1, 1, 15, 5))).as("below the cache: nothing without PostgreSQL").isEmpty();
        assertThat(texts(store.messagesById(1, 1, 2, List.of(30L, 5L, 21L)))).containsExactly("m30", "m21");
        assertThat(redis.text.sync().ttl(redis.keys.singleHistory(1, 2))).isBetween(86_000L, 86_400L);
    }

    @Test
    void aTrimNeverLetsGoAMessageNewerThanWhatWasCommitted() {
        for (int id = 1; id <= 30; id++) {
            join(store.storeSingle(1, 2, id, bytes("m" + id), 100 + id));
        }

        join(store.trimHistory(List.of(new MessageStore.Committed(1, 1, 2, 12)), 10, Duration.ofDays(1)));

        assertThat(join(store.messagesById(1, 1, 2, List.of(2L, 3L, 4L, 30L)))).extracting(String::new)
                .containsExactly("m3", "m4", "m30");
        assertThat(join(store.trimHistory(List.of(new MessageStore.Committed(1, 1, 2, 12)), 10, Duration.ofDays(1))))
                .as("the same commit again").isZero();
    }

    @Test
    void aMessageArrivingAfterANewerOneOfTheOtherDirectionExtendsTheCacheDown() {
        // 1 -> 2 and 2 -> 1 travel in different partitions: msg_id 3 may be stored before 2 and 1
        join(store.storeSingle(2, 1, 3, bytes("m3"), 103));
        join(store.storeSingle(1, 2, 1, bytes("m1"), 101));
        join(store.storeSingle(1, 2, 2, bytes("m2"), 102));
        for (int id = 1; id <= 3; id++) {
            join(store.nextSingleMsgId(1, 2));
        }

        assertThat(texts(store.messages(1, 1, 2, 0, 10))).containsExactly("m3", "m2", "m1");
        assertThat(join(store.unread(2))).isEqualTo(Map.of("1:1", 2L));
    }

    @Test
    void aCacheStartedAfterRedisLostTheConversationHoldsWhatCameSince() {
        join(store.storeSingle(1, 2, 41, bytes("m41"), 141));
        join(store.storeSingle(1, 2, 43, bytes("m43"), 143));
        join(store.storeSingle(1, 2, 40, bytes("m40"), 140));
        join(store.storeSingle(1, 2, 38, bytes("m38"), 138));
        for (int id = 1; id <= 43; id++) {
            join(store.nextSingleMsgId(1, 2));
        }

        assertThat(texts(store.messages(2, 1, 1, 0, 10))).as("from the floor, 40, up: 38 is below a gap (39)")
                .containsExactly("m43", "m41", "m40");
        assertThat(join(store.trimHistory(List.of(new MessageStore.Committed(1, 1, 2, 43)), 100,
                Duration.ofDays(1)))).isZero();
    }

    @Test
    void aTrimLeavesAConversationWithoutCacheWithout() {
        assertThat(join(store.trimHistory(List.of(new MessageStore.Committed(1, 1, 2, 500)), 10,
                Duration.ofDays(1)))).isZero();

        assertThat(redis.text.sync().exists(redis.keys.singleHistory(1, 2))).isZero();
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
