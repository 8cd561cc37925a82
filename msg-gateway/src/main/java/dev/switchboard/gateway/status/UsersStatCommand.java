package dev.switchboard.gateway.status;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatReq;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;
import dev.switchboard.store.UserStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code IMUsersStatReq} (0x020a) → {@code IMUsersStatRsp} (0x020b) with the request's seq, answered from presence
 * (TeamTalk asks route_server, PROTOCOL.md §6.5): one entry per requested user id, in request order, with the status
 * {@link UserStatus} derives from the user's connections in presence (a gateway that is gone loses its connections
 * when presence-service purges it; an expired lease alone proves nothing, see {@code PresenceReader}). Only the first
 * {@code max-ids-per-request} ids are answered; the rest are ignored (counted as truncated). An unparsable request or
 * a Redis failure gets an empty list, so the client is never left waiting.
 */
@Component
final class UsersStatCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(UsersStatCommand.class);

    private final PresenceReader presence;
    private final UserStatus status;
    private final GatewayMetrics metrics;
    private final int maxUsers;

    UsersStatCommand(PresenceReader presence, UserStatus status, GatewayMetrics metrics,
                     GatewayProperties properties) {
        this.presence = presence;
        this.status = status;
        this.metrics = metrics;
        this.maxUsers = properties.maxIdsPerRequest();
    }

    @Override
    public int commandId() {
        return BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        List<Integer> requested;
        try {
            requested = IMUsersStatReq.parseFrom(pdu.body()).getUserIdListList();
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed_users_stat");
            answer(session, pdu.seq(), List.of());
            return;
        }
        if (requested.size() > maxUsers) {
            metrics.requestLimited(commandId(), "truncated");
            requested = requested.subList(0, maxUsers);
        }
        List<Integer> ids = requested;
        Map<Integer, CompletableFuture<List<PresenceEntry>>> lookups = new LinkedHashMap<>();
        ids.forEach(id -> lookups.computeIfAbsent(id, key -> presence.connections(key).toCompletableFuture()));
        CompletableFuture.allOf(lookups.values().toArray(CompletableFuture[]::new))
                .thenApply(done -> stats(ids, lookups))
                .whenComplete((stats, error) -> {
                    if (error != null) {
                        log.warn("users status not read userId={} error={}", session.userId(), error.toString());
                    }
                    answer(session, pdu.seq(), error == null ? stats : List.of());
                });
    }

    private List<UserStat> stats(List<Integer> ids, Map<Integer, CompletableFuture<List<PresenceEntry>>> lookups) {
        return ids.stream().map(id -> UserStat.newBuilder().setUserId(id)
                .setStatus(status.of(lookups.get(id).join())).build()).toList();
    }

    private static void answer(Session session, int seq, List<UserStat> stats) {
        IMUsersStatRsp response = IMUsersStatRsp.newBuilder()
                .setUserId((int) session.userId())
                .addAllUserStatList(stats)
                .build();
        session.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_RESPONSE_VALUE,
                seq, response));
    }
}
