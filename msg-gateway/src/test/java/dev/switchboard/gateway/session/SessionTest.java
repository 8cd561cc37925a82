package dev.switchboard.gateway.session;

import dev.switchboard.pdu.Pdu;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's rate window and pending acks, on an {@link EmbeddedChannel} (tasks run when the test says so). */
class SessionTest {

    private static final long T0 = 1_700_000_000_000L;

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Session session = new Session(1, channel);

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void allowsTheConfiguredNumberOfMessagesPerSecondAndRejectsTheNext() {
        for (int i = 0; i < 20; i++) {
            assertThat(session.tryAcquireMessage(T0 + i * 10, 20)).as("message %d", i + 1).isTrue();
        }

        assertThat(session.tryAcquireMessage(T0 + 999, 20)).isFalse();
    }

    @Test
    void startsANewWindowOneSecondAfterTheFirstMessageOfTheLast() {
        for (int i = 0; i < 21; i++) {
            session.tryAcquireMessage(T0, 20);
        }

        assertThat(session.tryAcquireMessage(T0 + 999, 20)).isFalse();
        assertThat(session.tryAcquireMessage(T0 + 1000, 20)).isTrue();
        assertThat(session.tryAcquireMessage(T0 + 1001, 20)).isTrue();
    }

    @Test
    void writesADeliveryAndRemembersItUntilAcknowledged() {
        Pdu pdu = Pdu.of(3, 0x0301, 0, new byte[] {1});

        session.deliver(pdu, 11, 1, T0, () -> { });
        channel.runPendingTasks();

        assertThat((Pdu) channel.readOutbound()).isSameAs(pdu);
        assertThat(session.pendingAckCount()).isEqualTo(1);
        assertThat(session.acknowledged(11, 1)).isTrue();
        assertThat(session.acknowledged(11, 1)).isFalse();
        assertThat(session.pendingAckCount()).isZero();
    }

    @Test
    void doesNotRememberADeliveryWithoutMsgId() {
        session.deliver(Pdu.of(2, 0x0203, 0, new byte[0]), 11, 0, T0, () -> { });
        channel.runPendingTasks();

        assertThat((Pdu) channel.readOutbound()).isNotNull();
        assertThat(session.pendingAckCount()).isZero();
    }

    @Test
    void expiresDeliveriesUpToTheDeadlineOldestFirst() {
        deliver(11, 1, T0);
        deliver(11, 2, T0 + 1000);
        deliver(13, 1, T0 + 2000);

        assertThat(session.expirePendingAcks(T0 + 1000)).isEqualTo(2);

        assertThat(session.pendingAckCount()).isEqualTo(1);
        assertThat(session.acknowledged(11, 1)).isFalse();
        assertThat(session.acknowledged(11, 2)).isFalse();
        assertThat(session.acknowledged(13, 1)).isTrue();
    }

    @Test
    void aRedeliveredMessageDoesNotHoldBackTheExpiryOfOlderOnes() {
        deliver(11, 1, T0);
        deliver(11, 2, T0 + 1000);
        deliver(11, 1, T0 + 5000); // the same message delivered again (Kafka redelivers at least once)

        assertThat(session.expirePendingAcks(T0 + 2000)).isEqualTo(1);

        assertThat(session.acknowledged(11, 2)).isFalse();
        assertThat(session.acknowledged(11, 1)).isTrue();
    }

    private void deliver(long peerId, long msgId, long at) {
        session.deliver(Pdu.of(3, 0x0301, 0, new byte[] {1}), peerId, msgId, at, () -> { });
        channel.runPendingTasks();
        channel.readOutbound();
    }
}
