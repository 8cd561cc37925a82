package dev.switchboard.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShutdownDeadlineTest {

    @Test
    void aShutdownThatOutlastsTheTimeoutHaltsWithItsExitCode() throws Exception {
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        GenericApplicationContext context = contextWith(new ShutdownDeadline(Duration.ofMillis(200), () -> true,
                halted::complete));
        long closing = System.nanoTime();

        context.close();

        assertThat(halted.get(10, TimeUnit.SECONDS)).isEqualTo(ShutdownDeadline.EXIT_CODE);
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aContextClosedWhileTheJvmGoesOnIsNeverHalted() {
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        GenericApplicationContext context = contextWith(new ShutdownDeadline(Duration.ofMillis(50), () -> false,
                halted::complete));

        context.close();

        assertThatThrownBy(() -> halted.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(ShutdownDeadline.jvmShuttingDown()).as("a test JVM is not shutting down").isFalse();
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThatThrownBy(() -> new ShutdownDeadline(Duration.ZERO))
                .hasMessageContaining("switchboard.shutdown-timeout must be positive");
    }

    private static GenericApplicationContext contextWith(ShutdownDeadline deadline) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean(ShutdownDeadline.class, () -> deadline);
        context.refresh();
        return context;
    }
}
