package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PresenceStoreTest {

    private final RedisTestSupport redis = new RedisTestSupport();
    private final PresenceStore store = new PresenceStore(redis.text.async(), redis.keys);
    private final PresenceReader reader = new PresenceReader(redis.text.async(), redis.keys);

    @BeforeEach
    void leaseGateways() {
        join(store.renew(gateway("gw-0", 1_000)));
        join(store.renew(gateway("gw-1", 5_000)));
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void readsManyUsersConnectionsInTheirOrderAcrossSeveralScriptRuns() {
        online(new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100));
        online(new PresenceEntry(1, "gw-1", 20, 0x12, 1, 200));
        online(new PresenceEntry(700, "gw-1", 21, 0x12, 1, 300));
        List<Long> users = new java.util.ArrayList<>();
        for (long id = 1; id <= PresenceReader.MAX_USERS_PER_READ + 300; id++) {
            users.add(id);
        }

        List<List<PresenceEntry>> connections = join(reader.connections(users));

        assertThat(connections).hasSize(users.size());
        assertThat(connections.get(0)).containsExactlyInAnyOrder(new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100),
                new PresenceEntry(1, "gw-1", 20, 0x12, 1, 200));
        assertThat(connections.get(699)).containsExactly(new PresenceEntry(700, "gw-1", 21, 0x12, 1, 300));
        assertThat(connections.get(1)).isEmpty();
        assertThat(connections.stream().mapToInt(List::size).sum()).isEqualTo(3);
    }

    @Test
    void recordsEachConnectionOfAUserOnAnyGateway() {
        online(new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100));
        online(new PresenceEntry(1, "gw-1", 20, 0x12, 1, 200));

        assertThat(join(reader.connections(1))).containsExactlyInAnyOrder(
                new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100),
                new PresenceEntry(1, "gw-1", 20, 0x12, 1, 200));
    }

    @Test
    void aLateOfflineOfAnOldConnectionLeavesTheNewerOne() {
        join(store.online(new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100), DevicePolicy.UNLIMITED));
        join(store.online(new PresenceEntry(1, "gw-0", 11, 0x01, 1, 200), DevicePolicy.UNLIMITED));

        PresenceChange first = join(store.offline(1, "gw-0", 10));
        PresenceChange again = join(store.offline(1, "gw-0", 10));

        assertThat(first.removed()).containsExactly(new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100));
        assertThat(first.remaining()).containsExactly(new PresenceEntry(1, "gw-0", 11, 0x01, 1, 200));
        assertThat(again.none()).isTrue();
        assertThat(join(reader.connections(1))).extracting(PresenceEntry::connectionId).containsExactly(11L);
    }

    @Test
    void purgingAnExpiredGatewayRemovesOnlyItsConnections() {
        online(new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100));
        online(new PresenceEntry(1, "gw-1", 20, 0x11, 1, 100));
        online(new PresenceEntry(2, "gw-0", 30, 0x01, 3, 100));

        assertThat(join(store.expired(2_000))).containsExactly("gw-0");
        assertThat(join(store.purge("gw-0", 2_000, false))).containsExactlyInAnyOrder(
                new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100), new PresenceEntry(2, "gw-0", 30, 0x01, 3, 100));

        assertThat(join(reader.connections(1))).extracting(PresenceEntry::gatewayId).containsExactly("gw-1");
        assertThat(join(reader.connections(2))).isEmpty();
        assertThat(join(reader.liveGateways(2_000))).extracting(GatewayInfo::gatewayId).containsExactly("gw-1");
    }

    @Test
    void aRenewedLeaseIsNotPurged() {
        online(new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100));
        join(store.renew(gateway("gw-0", 9_000)));

        assertThat(join(store.purge("gw-0", 2_000, false))).isNull();
        assertThat(join(reader.connections(1))).hasSize(1);
    }

    @Test
    void anOnlineEventOfAPurgedGatewayLeavesNoGhost() {
        join(store.purge("gw-0", 2_000, true));

        OnlineResult result = join(store.online(new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100),
                DevicePolicy.TEAMTALK));

        assertThat(result.outcome()).isEqualTo(OnlineResult.Outcome.UNLEASED);
        assertThat(result.change().none()).isTrue();
        assertThat(join(reader.connections(1))).isEmpty();
        assertThat(redis.text.sync().zcard(redis.keys.gatewayConnections("gw-0"))).isZero();
    }

    @Test
    void aRedeliveredOnlineEventChangesNothing() {
        PresenceEntry pc = new PresenceEntry(1, "gw-0", 10, 0x01, 1, 100);
        online(pc);

        OnlineResult again = join(store.online(pc, DevicePolicy.TEAMTALK));

        assertThat(again.outcome()).isEqualTo(OnlineResult.Outcome.KNOWN);
        assertThat(again.change().none()).isTrue();
        assertThat(again.change().remaining()).containsExactly(pc);
    }

    @Test
    void listsLiveGatewaysWithTheirLoad() {
        join(store.renew(new GatewayInfo("gw-2", "10.0.0.1", "10.0.0.2", 8000, 5, 100, 10_000)));

        assertThat(join(reader.liveGateways(6_000))).containsExactly(
                new GatewayInfo("gw-2", "10.0.0.1", "10.0.0.2", 8000, 5, 100, 10_000));
        assertThat(join(reader.liveGateways(10_000))).isEmpty();
    }

    private void online(PresenceEntry entry) {
        assertThat(join(store.online(entry, DevicePolicy.UNLIMITED)).outcome()).isEqualTo(OnlineResult.Outcome.ADDED);
    }

    private static GatewayInfo gateway(String id, long expiresAt) {
        return new GatewayInfo(id, "127.0.0.1", "127.0.0.1", 8000, 0, 100, expiresAt);
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
