package dev.switchboard.route.routing;

import dev.switchboard.proto.envelope.Audience;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.PresenceEntry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A notice (any frame but IMMsgData): applies its {@link NoticeEffect}, if any, then delivers the frame with seq 0 to
 * every connection of the named users in the audience, each user once however often named, never to the origin
 * connection; one record per gateway. {@code everyone} notices go to every registered gateway (see {@code PresenceReader}), for all its connections.
 * {@link #route} returns once the effect is applied and the records are handed to the producer; the returned future
 * completes when Kafka has acknowledged them.
 */
@Component
final class NoticeRouter {

    private final Map<Integer, NoticeEffect> effects;
    private final Recipients recipients;
    private final DeliveryPublisher deliveries;
    private final MeterRegistry meters;

    NoticeRouter(ObjectProvider<NoticeEffect> effects, Recipients recipients, DeliveryPublisher deliveries,
                 MeterRegistry meters) {
        this.effects = effects.orderedStream().collect(Collectors.toMap(NoticeEffect::commandId, Function.identity()));
        this.recipients = recipients;
        this.deliveries = deliveries;
        this.meters = meters;
    }

    CompletableFuture<Void> route(RouteEnvelope envelope) {
        NoticeEffect effect = effects.get(envelope.getFrame().getCommandId());
        if (effect != null) {
            effect.apply(envelope);
        }
        meters.counter("im.route.notices", "command", "0x" + Integer.toHexString(envelope.getFrame().getCommandId()))
                .increment();
        if (envelope.getEveryone()) {
            return deliveries.broadcast(envelope);
        }
        List<Long> users = envelope.getNotifyUserIdsList().stream().map(Integer::toUnsignedLong).toList();
        List<RecipientConnection> targets = recipients.connections(envelope, users, user -> 0,
                connection -> inAudience(connection, envelope.getAudience()));
        return deliveries.send(envelope, targets);
    }

    static boolean inAudience(PresenceEntry entry, Audience audience) {
        return switch (audience) {
            case AUDIENCE_PC -> !entry.mobile();
            case AUDIENCE_MOBILE -> entry.mobile();
            default -> true;
        };
    }
}
