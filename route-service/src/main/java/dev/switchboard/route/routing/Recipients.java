package dev.switchboard.route.routing;

import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
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
 * once, all lookups in flight together, never the connection the envelope came from.
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
        List<CompletableFuture<List<PresenceEntry>>> lookups = users.stream()
                .map(id -> presence.connections(id).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<RecipientConnection> targets = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                long peer = peerOf.applyAsLong(users.get(i));
                for (PresenceEntry entry : lookups.get(i).join()) {
                    if (!isOrigin(envelope, entry) && filter.test(entry)) {
                        targets.add(new RecipientConnection(entry, peer));
                    }
                }
            }
            return targets;
        });
    }

    private static boolean isOrigin(RouteEnvelope envelope, PresenceEntry entry) {
        return entry.gatewayId().equals(envelope.getOriginGatewayId())
                && entry.connectionId() == envelope.getOriginConnectionId();
    }

    /** How a message is kept in history: TeamTalk's {@code MsgInfo}, as message-list answers return it. */
    static MsgInfo msgInfo(IMMsgData message) {
        return MsgInfo.newBuilder()
                .setMsgId(message.getMsgId())
                .setFromSessionId(message.getFromUserId())
                .setCreateTime(message.getCreateTime())
                .setMsgType(message.getMsgType())
                .setMsgData(message.getMsgData())
                .build();
    }
}
