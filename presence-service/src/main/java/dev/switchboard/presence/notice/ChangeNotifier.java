package dev.switchboard.presence.notice;

import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.KickReasonType;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMBuddy.IMPCLoginStatusNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMUserStatNotify;
import com.mogujie.tt.protobuf.IMLogin.IMKickUser;
import dev.switchboard.proto.envelope.Audience;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Target;
import dev.switchboard.store.PresenceChange;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.PresenceReader;
import dev.switchboard.store.UserStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Tells clients what a presence change means for them: each removed connection that lost (a newer login, a mobile
 * kick) gets {@code IMKickUser} and is closed by its gateway; then the {@link StatusNotices} go out,
 * {@code IMUserStatNotify} as one delivery per registered gateway (see {@code PresenceReader}: an expired lease is
 * no reason to skip one) for all its PC connections, {@code IMPCLoginStatusNotify}
 * to the user's mobile connections. Completes when Kafka has every record.
 */
@Component
public final class ChangeNotifier {

    private final DeliverySender sender;
    private final PresenceReader presence;
    private final UserStatus status;
    private final MeterRegistry meters;

    ChangeNotifier(DeliverySender sender, PresenceReader presence, UserStatus status, MeterRegistry meters) {
        this.sender = sender;
        this.presence = presence;
        this.status = status;
        this.meters = meters;
    }

    /** Kicks the removed connections with {@code kickReason} (none when null), then sends the status notices. */
    public CompletableFuture<Void> notify(Collection<PresenceChange> changes, KickReasonType kickReason) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        List<String> gateways = null;
        for (PresenceChange change : changes) {
            if (kickReason != null) {
                change.removed().forEach(loser -> sends.add(kick(loser, kickReason)));
            }
            StatusNotices notice = StatusNotices.of(status, change);
            if (notice.userStat() == null && notice.pcLoginStat() == null) {
                continue;
            }
            if (gateways == null) {
                gateways = presence.registeredGatewayIds().toCompletableFuture().join();
            }
            if (notice.userStat() != null) {
                for (String gatewayId : gateways) {
                    sends.add(userStat(gatewayId, change.userId(), notice.userStat()));
                }
            }
            if (notice.pcLoginStat() != null) {
                pcLoginStat(change, notice.pcLoginStat(), sends);
            }
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<?> kick(PresenceEntry loser, KickReasonType reason) {
        IMKickUser kick = IMKickUser.newBuilder().setUserId((int) loser.userId()).setKickReason(reason).build();
        meters.counter("im.presence.kicks", "reason", reason == KickReasonType.KICK_REASON_MOBILE_KICK
                ? "mobile_kick" : "duplicate_user").increment();
        return sender.send(loser.gatewayId(), loser.userId(), Delivery.newBuilder()
                .setFrame(DeliverySender.frame(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_KICK_USER_VALUE, kick))
                .addTargets(target(loser))
                .setCloseAfter(true)
                .setPublishedAtMillis(System.currentTimeMillis())
                .build());
    }

    private CompletableFuture<?> userStat(String gatewayId, long userId, UserStatType stat) {
        IMUserStatNotify notify = IMUserStatNotify.newBuilder()
                .setUserStat(UserStat.newBuilder().setUserId((int) userId).setStatus(stat))
                .build();
        meters.counter("im.presence.notices", "command", "0x0203").increment();
        return sender.send(gatewayId, userId, Delivery.newBuilder()
                .setFrame(DeliverySender.frame(ServiceID.SID_BUDDY_LIST_VALUE,
                        BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE, notify))
                .setAllConnections(true)
                .setAudience(Audience.AUDIENCE_PC)
                .setPublishedAtMillis(System.currentTimeMillis())
                .build());
    }

    private void pcLoginStat(PresenceChange change, UserStatType stat, List<CompletableFuture<?>> sends) {
        IMPCLoginStatusNotify notify = IMPCLoginStatusNotify.newBuilder()
                .setUserId((int) change.userId()).setLoginStat(stat).build();
        Map<String, Delivery.Builder> byGateway = new TreeMap<>();
        for (PresenceEntry mobile : change.remaining()) {
            if (mobile.mobile()) {
                byGateway.computeIfAbsent(mobile.gatewayId(), id -> Delivery.newBuilder()
                        .setFrame(DeliverySender.frame(ServiceID.SID_BUDDY_LIST_VALUE,
                                BuddyListCmdID.CID_BUDDY_LIST_PC_LOGIN_STATUS_NOTIFY_VALUE, notify))
                        .setPublishedAtMillis(System.currentTimeMillis())).addTargets(target(mobile));
            }
        }
        byGateway.forEach((gatewayId, delivery) -> {
            meters.counter("im.presence.notices", "command", "0x020e").increment();
            sends.add(sender.send(gatewayId, change.userId(), delivery.build()));
        });
    }

    private static Target target(PresenceEntry connection) {
        return Target.newBuilder()
                .setUserId((int) connection.userId())
                .setConnectionId(connection.connectionId())
                .build();
    }
}
