package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

class PendingRequestsTest {

    private final PendingRequests pending = new PendingRequests();

    @Test
    void numbersRequestsFromOneAndWrapsAfter65535ToOneSkippingZero() {
        IntStream.rangeClosed(1, 65534).forEach(i -> pending.nextSeq());

        assertThat(pending.nextSeq()).isEqualTo(65535);
        assertThat(pending.nextSeq()).isEqualTo(1);
    }

    @Test
    void neverTakesANotificationWithSeqZeroAsAnAnswer() {
        pending.register(0);

        assertThat(pending.complete(Pdu.of(2, 0x0203, 0, new byte[0]))).isFalse();
    }

    @Test
    void forgetsARequestOnceItsCallerGivesUp() {
        CompletableFuture<Pdu> answer = pending.register(7);

        answer.cancel(false);

        assertThat(pending.complete(Pdu.of(7, 0x0701, 7, new byte[0]))).isFalse();
    }
}
