package dev.switchboard.route.routing;

import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;

/**
 * Resolves users to the connections presence holds for them, what every router does before delivering: each user
 * once, all of them read by one script ({@link PresenceReader#connections(List)}), never the connection the envelope
 * came from.
 */
@Component
final class Recipients {

    private final PresenceReader presence;

    Recipients(PresenceReader presence) {
        this.presence = presence;
    }

    /**
     * The connections of {@code userIds} accepted by {@code filter}, except the envelope's origin connection.
     *
     * @param peerOf the conversation as each user sees it (what its client's IMMsgDataAck will name)
     */
    List<RecipientConnection> connections(RouteEnvelope envelope, Collection<Long> userIds, LongUnaryOperator peerOf,
                                          Predicate<PresenceEntry> filter) {
        return lookup(envelope, userIds, peerOf, filter).join();
    }

    /** {@link #connections} without waiting: completes when every lookup has answered. */
    CompletableFuture<List<RecipientConnection>> lookup(RouteEnvelope envelope, Collection<Long> userIds,
                                                        LongUnaryOperator peerOf, Predicate<PresenceEntry> filter) {
        List<Long> users = List.copyOf(new LinkedHashSet<>(userIds));
        return presence.connections(users).toCompletableFuture().thenApply(connections -> {
            List<RecipientConnection> targets = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                long peer = peerOf.applyAsLong(users.get(i));
                for (PresenceEntry entry : connections.get(i)) {
                    if (!isOrigin(envelope, entry) && filter.test(entry)) {
                        targets.add(new RecipientConnection(entry, peer));
                    }
                }
            }
            return targets;
        });
    }

    /**
     * The connections of a 1:1 conversation's two users, as read together with the message's store: each user's
     * connections see the other user as the peer; never the origin connection.
     */
    static List<RecipientConnection> conversation(RouteEnvelope envelope, long recipient,
                                                  List<PresenceEntry> recipientConnections, long sender,
                                                  List<PresenceEntry> senderConnections) {
        List<RecipientConnection> targets = new ArrayList<>(recipientConnections.size() + senderConnections.size());
        for (PresenceEntry entry : recipientConnections) {
            if (!isOrigin(envelope, entry)) {
                targets.add(new RecipientConnection(entry, sender));
            }
        }
        if (sender != recipient) {
            for (PresenceEntry entry : senderConnections) {
                if (!isOrigin(envelope, entry)) {
                    targets.add(new RecipientConnection(entry, recipient));
                }
            }
        }
        return targets;
    }

    /**
     * The connections of a group message's members, as read together with its store: each sees the group as the
     * peer; never the origin connection (the sender's other devices do receive it).
     */
    static List<RecipientConnection> group(RouteEnvelope envelope, long groupId, List<PresenceEntry> connections) {
        List<RecipientConnection> targets = new ArrayList<>(connections.size());
        for (PresenceEntry entry : connections) {
            if (!isOrigin(envelope, entry)) {
                targets.add(new RecipientConnection(entry, groupId));
            }
        }
        return targets;
    }

    private static boolean isOrigin(RouteEnvelope envelope, PresenceEntry entry) {
        return entry.gatewayId().equals(envelope.getOriginGatewayId())
                && entry.connectionId() == envelope.getOriginConnectionId();
    }
}
