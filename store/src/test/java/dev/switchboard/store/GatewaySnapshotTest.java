package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** Gateway snapshots against connection events applied in any order, and gateway runs, on the embedded Redis. */
class GatewaySnapshotTest {

    private static final long FAR = Long.MAX_VALUE / 4;

    private final RedisTestSupport redis = new RedisTestSupport();
    private final PresenceStore store = new PresenceStore(redis.text.async(), redis.keys);
    private final PresenceReader reader = new PresenceReader(redis.text.async(), redis.keys);
    private final long now = System.currentTimeMillis();

    @BeforeEach
    void leaseGateway() {
        join(store.renew(gateway("gw-0"), 1));
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void theGatewaysConnectionsBecomeExactlyTheSnapshotWithoutKicks() {
        PresenceEntry gone = pc(1, 10);
        PresenceEntry kept = pc(2, 11);
        online(gone, 100);
        online(kept, 101);
        PresenceEntry missed = pc(2, 12);
        PresenceEntry elsewhere = new PresenceEntry(1, "gw-1", 50, 0x01, 1, now);
        join(store.renew(gateway("gw-1"), 1));
        online(elsewhere, 100);

        SnapshotResult result = join(store.snapshot("gw-0", 200, now, List.of(kept, missed), now));

        assertThat(result.outcome()).isEqualTo(SnapshotResult.Outcome.APPLIED);
        assertThat(result.added()).containsExactly(missed);
        assertThat(result.removed()).containsExactly(gone);
        assertThat(join(reader.connections(1))).containsExactly(elsewhere);
        assertThat(join(reader.connections(2))).as("two PCs of one user: the snapshot kicks nobody")
                .containsExactlyInAnyOrder(kept, missed);
    }

    @Test
    void aSnapshotTakenBeforeACloseCannotBringTheConnectionBack() {
        PresenceEntry connection = pc(1, 10);
        online(connection, 100);
        join(store.offline(1, "gw-0", 10)); // the close happened after the snapshot but is applied first

        SnapshotResult late = join(store.snapshot("gw-0", 200, now, List.of(connection), now));

        assertThat(late.outcome()).isEqualTo(SnapshotResult.Outcome.APPLIED);
        assertThat(late.added()).isEmpty();
        assertThat(join(reader.connections(1))).isEmpty();
    }

    @Test
    void aSnapshotKeepsALoginNewerThanItself() {
        PresenceEntry newer = pc(1, 10);
        online(newer, 300);

        SnapshotResult result = join(store.snapshot("gw-0", 200, now, List.of(), now));

        assertThat(result.removed()).isEmpty();
        assertThat(join(reader.connections(1))).containsExactly(newer);
    }

    @Test
    void anOnlineOlderThanTheAppliedSnapshotOrAfterItsOfflineIsStale() {
        join(store.snapshot("gw-0", 200, now, List.of(), now));
        PresenceEntry closedBeforeSnapshot = pc(1, 10);
        PresenceEntry closed = pc(2, 11);
        online(closed, 300);
        join(store.offline(2, "gw-0", 11));

        assertThat(join(store.online(closedBeforeSnapshot, 150, DevicePolicy.TEAMTALK)).outcome())
                .isEqualTo(OnlineResult.Outcome.STALE);
        assertThat(join(store.online(closed, 300, DevicePolicy.TEAMTALK)).outcome())
                .as("a redelivered ONLINE after its OFFLINE").isEqualTo(OnlineResult.Outcome.STALE);
        assertThat(join(reader.connections(1))).isEmpty();
        assertThat(join(reader.connections(2))).isEmpty();
    }

    @Test
    void anOlderSnapshotOrOneForAnUnleasedOrExpiredGatewayChangesNothing() {
        PresenceEntry connection = pc(1, 10);
        join(store.snapshot("gw-0", 200, now, List.of(connection), now));

        assertThat(join(store.snapshot("gw-0", 150, now, List.of(), now)).outcome())
                .isEqualTo(SnapshotResult.Outcome.STALE);
        assertThat(join(store.snapshot("gw-0", 300, now - PresenceStore.TOMBSTONE_TTL.toMillis() - 1, List.of(),
                now)).outcome()).isEqualTo(SnapshotResult.Outcome.EXPIRED);
        assertThat(join(store.snapshot("gw-9", 300, now, List.of(pc(3, 30)), now)).outcome())
                .isEqualTo(SnapshotResult.Outcome.UNLEASED);
        assertThat(join(reader.connections(1))).containsExactly(connection);
        assertThat(join(reader.connections(3))).isEmpty();
    }

    @Test
    void aPurgedGatewayComesBackWithItsSnapshot() {
        PresenceEntry connection = pc(1, 10);
        online(connection, 100);
        join(store.purge("gw-0", now, true));

        boolean fresh = join(store.renew(gateway("gw-0"), 1));
        SnapshotResult result = join(store.snapshot("gw-0", 200, now, List.of(connection), now));

        assertThat(fresh).as("a purged gateway renewing is newly registered").isTrue();
        assertThat(result.added()).containsExactly(connection);
        assertThat(join(reader.connections(1))).containsExactly(connection);
    }

    @Test
    void aNewRunUnderTheSameIdIsNewlyRegisteredAndItsSnapshotDropsThePreviousRunsConnections() {
        PresenceEntry previousRun = pc(1, 10);
        online(previousRun, 100);

        assertThat(join(store.renew(gateway("gw-0"), 1))).as("same run").isFalse();
        assertThat(join(store.renew(gateway("gw-0"), 2))).as("new run, lease still valid").isTrue();
        SnapshotResult result = join(store.snapshot("gw-0", 200, now, List.of(), now));

        assertThat(result.removed()).containsExactly(previousRun);
        assertThat(join(reader.connections(1))).isEmpty();
    }

    private PresenceEntry pc(long userId, long connectionId) {
        return new PresenceEntry(userId, "gw-0", connectionId, 0x01, 1, now);
    }

    private void online(PresenceEntry entry, long seq) {
        assertThat(join(store.online(entry, seq, DevicePolicy.UNLIMITED)).outcome())
                .isEqualTo(OnlineResult.Outcome.ADDED);
    }

    private static GatewayInfo gateway(String id) {
        return new GatewayInfo(id, "127.0.0.1", "127.0.0.1", 8000, 0, 100, FAR);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
