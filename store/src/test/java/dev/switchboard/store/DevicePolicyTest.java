package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** The multi-device policy as the online and kick scripts apply it, on a real Redis. */
class DevicePolicyTest {

    private static final PresenceEntry WINDOWS = new PresenceEntry(7, "gw-0", 1, 0x01, 1, 100);
    private static final PresenceEntry MAC = new PresenceEntry(7, "gw-1", 2, 0x02, 1, 200);
    private static final PresenceEntry IOS = new PresenceEntry(7, "gw-0", 3, 0x11, 1, 300);
    private static final PresenceEntry ANDROID = new PresenceEntry(7, "gw-1", 4, 0x12, 3, 400);

    private final RedisTestSupport redis = new RedisTestSupport();
    private final PresenceStore store = new PresenceStore(redis.text.async(), redis.keys);
    private final PresenceReader reader = new PresenceReader(redis.text.async(), redis.keys);

    @BeforeEach
    void leaseGateways() {
        join(store.renew(new GatewayInfo("gw-0", "h", "h", 1, 0, 10, Long.MAX_VALUE / 2)));
        join(store.renew(new GatewayInfo("gw-1", "h", "h", 1, 0, 10, Long.MAX_VALUE / 2)));
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void teamtalkKeepsOnePcAndOneMobileAndTheNewerLoginWins() {
        online(WINDOWS, DevicePolicy.TEAMTALK);
        online(IOS, DevicePolicy.TEAMTALK);

        PresenceChange mac = online(MAC, DevicePolicy.TEAMTALK);
        PresenceChange android = online(ANDROID, DevicePolicy.TEAMTALK);

        assertThat(mac.removed()).containsExactly(WINDOWS);
        assertThat(android.removed()).containsExactly(IOS);
        assertThat(android.remaining()).containsExactlyInAnyOrder(MAC, ANDROID);
        assertThat(android.before()).containsExactlyInAnyOrder(MAC, IOS);
        assertThat(join(reader.connections(7))).containsExactlyInAnyOrder(MAC, ANDROID);
        assertThat(members("gw-0")).isEmpty();
        assertThat(members("gw-1")).containsExactlyInAnyOrder("7/2", "7/4");
    }

    @Test
    void singleKeepsOnlyTheNewestConnectionOfAnyClass() {
        online(WINDOWS, DevicePolicy.SINGLE);

        PresenceChange change = online(IOS, DevicePolicy.SINGLE);

        assertThat(change.removed()).containsExactly(WINDOWS);
        assertThat(join(reader.connections(7))).containsExactly(IOS);
        assertThat(members("gw-0")).containsExactly("7/3");
    }

    @Test
    void unlimitedNeverKicks() {
        online(WINDOWS, DevicePolicy.UNLIMITED);
        online(IOS, DevicePolicy.UNLIMITED);

        PresenceChange change = online(MAC, DevicePolicy.UNLIMITED);

        assertThat(change.removed()).isEmpty();
        assertThat(join(reader.connections(7))).containsExactlyInAnyOrder(WINDOWS, IOS, MAC);
    }

    @Test
    void aMobileKicksEveryPcConnectionButNotItself() {
        online(WINDOWS, DevicePolicy.UNLIMITED);
        online(MAC, DevicePolicy.UNLIMITED);
        online(IOS, DevicePolicy.UNLIMITED);
        online(ANDROID, DevicePolicy.UNLIMITED);

        PresenceChange change = join(store.kickClass(7, false, IOS.gatewayId(), IOS.connectionId()));

        assertThat(change.removed()).containsExactlyInAnyOrder(WINDOWS, MAC);
        assertThat(change.remaining()).containsExactlyInAnyOrder(IOS, ANDROID);
        assertThat(members("gw-0")).containsExactly("7/3");
        assertThat(members("gw-1")).containsExactly("7/4");
    }

    private PresenceChange online(PresenceEntry entry, DevicePolicy policy) {
        OnlineResult result = join(store.online(entry, policy));
        assertThat(result.outcome()).isEqualTo(OnlineResult.Outcome.ADDED);
        assertThat(result.change().added()).containsExactly(entry);
        return result.change();
    }

    private java.util.Set<String> members(String gatewayId) {
        return java.util.Set.copyOf(redis.text.sync().zrange(redis.keys.gatewayConnections(gatewayId), 0, -1));
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
