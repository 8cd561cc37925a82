package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a second, forgets deliveries the client has not acknowledged within {@code ack-timeout} and counts them
 * ({@code im.gateway.delivery.acks{result=expired}}). They are not resent: the message is in history and the
 * client's unread count, where TeamTalk clients look after reconnecting.
 */
@Component
final class PendingAckSweeper {

    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final long ackTimeoutMillis;

    PendingAckSweeper(SessionRegistry sessions, GatewayMetrics metrics, GatewayProperties properties) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.ackTimeoutMillis = properties.ackTimeout().toMillis();
    }

    @Scheduled(fixedDelay = 1000)
    void sweep() {
        long deadline = System.currentTimeMillis() - ackTimeoutMillis;
        for (Session session : sessions.all()) {
            if (session.awaitingAcks()) {
                session.executeOnEventLoop(() -> {
                    int expired = session.expirePendingAcks(deadline);
                    if (expired > 0) {
                        metrics.deliveryAcks("expired", expired);
                    }
                });
            }
        }
    }
}
