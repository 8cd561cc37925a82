package dev.switchboard.gateway.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address connection count: bounded per address, released to zero, addresses independent. */
class ConnectionsPerAddressTest {

    private final ConnectionsPerAddress connections = new ConnectionsPerAddress(3);

    @Test
    void refusesTheConnectionOverTheLimitAndAcceptsAgainAfterARelease() {
        assertThat(IntStream.range(0, 3).mapToObj(i -> connections.tryAcquire("10.0.0.1"))).containsOnly(true);

        assertThat(connections.tryAcquire("10.0.0.1")).isFalse();
        assertThat(connections.count("10.0.0.1")).as("a refusal counts nothing").isEqualTo(3);
        assertThat(connections.tryAcquire("10.0.0.2")).as("other addresses are independent").isTrue();

        connections.release("10.0.0.1");
        assertThat(connections.tryAcquire("10.0.0.1")).isTrue();
    }

    @Test
    void forgetsAnAddressWithItsLastConnection() {
        connections.tryAcquire("10.0.0.1");
        connections.tryAcquire("10.0.0.1");

        connections.release("10.0.0.1");
        connections.release("10.0.0.1");
        connections.release("10.0.0.1");

        assertThat(connections.count("10.0.0.1")).isZero();
        assertThat(connections.addresses()).isZero();
    }

    @Test
    void neverAdmitsMoreThanTheLimitUnderConcurrentConnects() {
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            attempts.add(CompletableFuture.supplyAsync(() -> connections.tryAcquire("10.0.0.9")));
        }

        long admitted = attempts.stream().map(CompletableFuture::join).filter(Boolean::booleanValue).count();

        assertThat(admitted).isEqualTo(3);
        assertThat(connections.count("10.0.0.9")).isEqualTo(3);
    }
}
