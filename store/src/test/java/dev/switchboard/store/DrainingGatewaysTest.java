package dev.switchboard.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which live gateways the login API may hand out while one of them drains, on a real Redis. */
class DrainingGatewaysTest {

    private static final GatewayInfo GW_0 = new GatewayInfo("gw-0", "h", "h", 8000, 5, 100, Long.MAX_VALUE / 2);
    private static final GatewayInfo GW_1 = new GatewayInfo("gw-1", "h", "h", 8001, 0, 100, Long.MAX_VALUE / 2);
    private static final GatewayInfo GW_2 = new GatewayInfo("gw-2", "h", "h", 8002, 9, 100, Long.MAX_VALUE / 2);

    private final RedisTestSupport redis = new RedisTestSupport();
    private final DrainingGateways draining = new DrainingGateways(redis.text.async(), redis.keys);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void aMarkedGatewayIsNoLongerAcceptingUntilItsMarkIsCleared() {
        assertThat(join(draining.accepting(List.of(GW_0, GW_1, GW_2)))).containsExactly(GW_0, GW_1, GW_2);

        join(draining.mark("gw-1", Duration.ofMinutes(1)));

        assertThat(join(draining.accepting(List.of(GW_0, GW_1, GW_2)))).containsExactly(GW_0, GW_2);
        assertThat(join(draining.accepting(List.of(GW_1)))).isEmpty();
        assertThat(join(draining.accepting(List.of()))).isEmpty();

        join(draining.clear("gw-1"));
        assertThat(join(draining.accepting(List.of(GW_0, GW_1, GW_2)))).containsExactly(GW_0, GW_1, GW_2);
    }

    @Test
    void aMarkExpiresByItself() {
        join(draining.mark("gw-2", Duration.ofMillis(300)));
        assertThat(join(draining.accepting(List.of(GW_2)))).isEmpty();

        await().atMost(Duration.ofSeconds(5)).until(() -> join(draining.accepting(List.of(GW_2))).size() == 1);
        assertThat(join(redis.text.async().exists(redis.keys.gatewayDraining("gw-2")))).isZero();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
