package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);

        assertThat(join(store.storeSingle(1, 2, 1, body, 100))).isTrue();
        assertThat(join(store.storeSingle(1, 2, 1, body, 100))).isFalse();
        assertThat(join(store.storeSingle(1, 2, 2, body, 101))).isTrue();

        assertThat(join(store.unread(2))).isEqualTo(Map.of("1:1", 2L));
        assertThat(join(store.unread(1))).isEmpty();
        assertThat(join(store.singleMessages(2, 1, List.of(1L, 2L, 3L)))).hasSize(2)
                .allSatisfy(stored -> assertThat(stored).isEqualTo(body));
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
