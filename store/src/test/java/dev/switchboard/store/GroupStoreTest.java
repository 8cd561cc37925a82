package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class GroupStoreTest {

    private final RedisTestSupport redis = new RedisTestSupport();
    private final GroupStore groups = new GroupStore(redis.text.async(), redis.keys);
    private final GroupMessageStore messages = new GroupMessageStore(redis.bytes.async(), redis.keys);
    private final MessageStore store = new MessageStore(redis.bytes.async(), redis.keys);

    @BeforeEach
    void users() {
        for (long id = 1; id <= 5; id++) {
            join(redis.text.async().hset(redis.keys.user(id), "name", "user" + id));
        }
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void createsAGroupOfTheCreatorAndTheKnownUsers() {
        GroupRecord group = join(groups.create("team", "a.png", 2, GroupRecord.TMP, List.of(3L, 99L, 3L, 1L)))
                .orElseThrow();

        assertThat(group.members()).containsExactly(1L, 2L, 3L);
        assertThat(join(groups.find(group.id()))).contains(group);
        assertThat(join(redis.text.async().smembers(redis.keys.userGroups(3))))
                .containsExactly(String.valueOf(group.id()));
        assertThat(join(groups.create("x", "", 42, GroupRecord.TMP, List.of(1L)))).isEmpty();
    }

    @Test
    void changesMembersAndBumpsTheVersionOnlyWhenSomethingChanged() {
        long id = join(groups.create("team", "", 1, GroupRecord.NORMAL, List.of(2L))).orElseThrow().id();
        join(groups.shield(id, 2, true));

        MemberChange added = join(groups.addMembers(id, List.of(3L, 2L, 77L))).orElseThrow();
        assertThat(added).isEqualTo(new MemberChange(2, List.of(1L, 2L, 3L), List.of(3L)));
        MemberChange removed = join(groups.removeMembers(id, List.of(2L, 4L))).orElseThrow();
        assertThat(removed).isEqualTo(new MemberChange(3, List.of(1L, 3L), List.of(2L)));
        assertThat(join(groups.removeMembers(id, List.of(4L))).orElseThrow().version()).isEqualTo(3);
        assertThat(join(groups.isShielded(id, 2))).isFalse();
        assertThat(join(groups.normalGroups(2))).isEmpty();
        assertThat(join(groups.normalGroups(3))).containsExactly(new GroupVersion(id, 3));
        assertThat(join(groups.addMembers(999, List.of(1L)))).isEmpty();
    }

    @Test
    void dissolvesAGroupIntoNothing() {
        long id = join(groups.create("team", "", 1, GroupRecord.NORMAL, List.of(2L))).orElseThrow().id();

        assertThat(join(groups.dissolve(id)).orElseThrow().changed()).containsExactlyInAnyOrder(1L, 2L);

        assertThat(join(groups.find(id))).isEmpty();
        assertThat(join(groups.all())).isEmpty();
        assertThat(join(groups.normalGroups(1))).isEmpty();
        assertThat(join(groups.dissolve(id))).isEmpty();
        assertThat(join(groups.update(id, "n", "a"))).isEmpty();
    }

    @Test
    void shieldsOnlyMembers() {
        long id = join(groups.create("team", "", 1, GroupRecord.TMP, List.of())).orElseThrow().id();

        assertThat(join(groups.shield(id, 1, true))).isTrue();
        assertThat(join(groups.isShielded(id, 1))).isTrue();
        assertThat(join(groups.shield(id, 1, false))).isTrue();
        assertThat(join(groups.isShielded(id, 1))).isFalse();
        assertThat(join(groups.shield(id, 2, true))).isFalse();
    }

    @Test
    void allocatesMsgIdsOnlyToMembersAndStoresEachMessageOnce() {
        long id = join(groups.create("team", "", 1, GroupRecord.TMP, List.of(2L, 3L))).orElseThrow().id();
        byte[] body = "hi".getBytes(StandardCharsets.UTF_8);
        String field = "2:" + id;

        assertThat(join(groups.nextMsgId(id, 1))).isEqualTo(1L);
        assertThat(join(groups.nextMsgId(id, 2))).isEqualTo(2L);
        assertThat(join(groups.nextMsgId(id, 4))).isZero();

        assertThat(join(store.removeSession(3, 2, id, 1))).isTrue();
        PresenceStore presence = new PresenceStore(redis.text.async(), redis.keys);
        PresenceEntry senderPc = new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100);
        PresenceEntry senderPhone = new PresenceEntry(1, "gw-1", 11, 0x11, 1, 110);
        PresenceEntry member = new PresenceEntry(2, "gw-1", 12, 0x12, 3, 120);
        PresenceEntry notMember = new PresenceEntry(4, "gw-0", 13, 0x01, 1, 130);
        long leaseExpiry = System.currentTimeMillis() + 60_000;
        for (String gateway : List.of("gw-0", "gw-1")) {
            join(presence.renew(new GatewayInfo(gateway, "127.0.0.1", "127.0.0.1", 8000, 0, 100, leaseExpiry)));
        }
        for (PresenceEntry entry : List.of(senderPc, senderPhone, member, notMember)) {
            assertThat(join(presence.online(entry, DevicePolicy.UNLIMITED)).outcome())
                    .isEqualTo(OnlineResult.Outcome.ADDED);
        }
        GroupMessageStore.Outcome stored = join(messages.store(id, 1, 1, body, 100));
        assertThat(stored.result()).isEqualTo(GroupMessageStore.Result.STORED);
        // every live connection of every member (3 has none), read with the store; never a non-member's
        assertThat(stored.connections()).containsExactlyInAnyOrder(senderPc, senderPhone, member);
        assertThat(join(messages.store(id, 1, 1, body, 100)).connections())
                .containsExactlyInAnyOrder(senderPc, senderPhone, member);
        assertThat(join(messages.store(id, 1, 1, body, 100)).result()).isEqualTo(GroupMessageStore.Result.DUPLICATE);
        assertThat(join(messages.store(id, 4, 2, body, 100)).result())
                .isEqualTo(GroupMessageStore.Result.NOT_MEMBER);

        assertThat(join(store.unread(2))).isEqualTo(Map.of(field, 1L));
        assertThat(join(store.unread(1))).isEmpty();
        assertThat(join(store.recentSessions(1, 0, 10))).containsExactly(new RecentSession(2, id, 100));
        assertThat(join(store.recentSessions(3, 0, 10))).containsExactly(new RecentSession(2, id, 100));
        assertThat(join(store.removedSessions(3, 0, 10))).isEmpty();
        assertThat(join(redis.bytes.async().hget(redis.keys.groupHistory(id), "1"))).isEqualTo(body);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
