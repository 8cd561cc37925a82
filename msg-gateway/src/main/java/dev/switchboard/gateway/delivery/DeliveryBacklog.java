package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the delivery listener from running the gateway out of memory. Ten times a second it adds up the bytes
 * queued in all client connections (the backlog: written, not yet taken by the clients' sockets); above
 * {@code delivery-backlog-pause} it pauses the {@code im.deliver.<gateway>} listener container, and resumes it once
 * the backlog is below {@code delivery-backlog-resume}. Records wait in Kafka meanwhile (the offset is not
 * committed past them), so nothing is lost; what is already fetched when the pause is asked for is still written.
 * Exposed as {@code im.gateway.delivery.backlog.bytes}, {@code im.gateway.delivery.paused} and the counter
 * {@code im.gateway.delivery.pauses}.
 */
@Component
final class DeliveryBacklog {

    private static final Logger log = LoggerFactory.getLogger(DeliveryBacklog.class);

    private final SessionRegistry sessions;
    private final KafkaListenerEndpointRegistry listeners;
    private final GatewayMetrics metrics;
    private final long pauseAbove;
    private final long resumeBelow;
    private volatile long queuedBytes;
    private volatile boolean paused;

    DeliveryBacklog(SessionRegistry sessions, KafkaListenerEndpointRegistry listeners, GatewayMetrics metrics,
                    GatewayProperties properties) {
        this.sessions = sessions;
        this.listeners = listeners;
        this.metrics = metrics;
        this.pauseAbove = properties.deliveryBacklogPause().toBytes();
        this.resumeBelow = properties.deliveryBacklogResume().toBytes();
        metrics.deliveryBacklog(() -> queuedBytes, () -> paused);
    }

    @Scheduled(fixedDelay = 100)
    void check() {
        long queued = 0;
        for (Session session : sessions.all()) {
            queued += session.queuedBytes();
        }
        queuedBytes = queued;
        MessageListenerContainer container = listeners.getListenerContainer(DeliveryListener.ID);
        if (container == null) {
            return;
        }
        if (!paused && queued > pauseAbove) {
            container.pause();
            paused = true;
            metrics.deliveryPaused();
            log.warn("delivery listener paused backlogBytes={} pauseAbove={}", queued, pauseAbove);
        } else if (paused && queued < resumeBelow) {
            container.resume();
            paused = false;
            log.info("delivery listener resumed backlogBytes={} resumeBelow={}", queued, resumeBelow);
        }
    }
}
