package dev.switchboard.route.routing;

import dev.switchboard.proto.envelope.Audience;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A notice (any frame but IMMsgData): applies its {@link NoticeEffect}, if any, then delivers the frame with seq 0 to
 * every connection of the named users in the audience, each user once however often named, never to the origin
 * connection; one record per gateway. {@code everyone} notices go to every live gateway, for all its connections.
 */
@Component
final class NoticeRouter {

    private final Map<Integer, NoticeEffect> effects;
    private final PresenceReader presence;
    private final DeliveryPublisher deliveries;
    private final MeterRegistry meters;

    NoticeRouter(ObjectProvider<NoticeEffect> effects, PresenceReader presence, DeliveryPublisher deliveries,
                 MeterRegistry meters) {
        this.effects = effects.orderedStream().collect(Collectors.toMap(NoticeEffect::commandId, Function.identity()));
        this.presence = presence;
        this.deliveries = deliveries;
        this.meters = meters;
    }

    void route(RouteEnvelope envelope) {
        NoticeEffect effect = effects.get(envelope.getFrame().getCommandId());
        if (effect != null) {
            effect.apply(envelope);
        }
        meters.counter("im.route.notices", "command", "0x" + Integer.toHexString(envelope.getFrame().getCommandId()))
                .increment();
        if (envelope.getEveryone()) {
            deliveries.broadcast(envelope);
            return;
        }
        Set<Integer> users = new LinkedHashSet<>(envelope.getNotifyUserIdsList());
        List<CompletableFuture<List<PresenceEntry>>> lookups = users.stream()
                .map(id -> presence.connections(id).toCompletableFuture())
                .toList();
        List<RecipientConnection> targets = new ArrayList<>();
        for (CompletableFuture<List<PresenceEntry>> lookup : lookups) {
            for (PresenceEntry entry : lookup.join()) {
                boolean origin = entry.gatewayId().equals(envelope.getOriginGatewayId())
                        && entry.connectionId() == envelope.getOriginConnectionId();
                if (!origin && inAudience(entry, envelope.getAudience())) {
                    targets.add(new RecipientConnection(entry, 0));
                }
            }
        }
        deliveries.publish(envelope, targets);
    }

    static boolean inAudience(PresenceEntry entry, Audience audience) {
        return switch (audience) {
            case AUDIENCE_PC -> !entry.mobile();
            case AUDIENCE_MOBILE -> entry.mobile();
            default -> true;
        };
    }
}
