package dev.switchboard.gateway.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ContactSessionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionStatusType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBuddy.IMRecentContactSessionReq;
import com.mogujie.tt.protobuf.IMBuddy.IMRecentContactSessionRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.MessageStore;
import dev.switchboard.store.RecentSession;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code IMRecentContactSessionReq} (0x0201) → {@code IMRecentContactSessionRsp} (0x0202): the user's sessions
 * updated after {@code latest_update_time}, newest first, at most {@code max-sessions-per-request}, each with its
 * latest message; sessions without a readable message are left out, as TeamTalk does. An incremental request
 * ({@code latest_update_time > 0}) also lists the sessions removed since then with {@code SESSION_STATUS_DELETE}
 * (TeamTalk never reports removals), so a user's other devices learn of them; a session with a message newer than
 * its removal is reported as it is now.
 */
@Component
final class RecentSessionsCommand implements Command {

    private final MessageStore messages;
    private final GatewayMetrics metrics;
    private final int maxSessions;

    RecentSessionsCommand(MessageStore messages, GatewayMetrics metrics, GatewayProperties properties) {
        this.messages = messages;
        this.metrics = metrics;
        this.maxSessions = properties.maxSessionsPerRequest();
    }

    @Override
    public int commandId() {
        return BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMRecentContactSessionReq request;
        try {
            request = IMRecentContactSessionReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        long userId = session.userId();
        long since = Integer.toUnsignedLong(request.getLatestUpdateTime());
        Reply reply = new Reply(session, ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_RESPONSE_VALUE, pdu.seq());
        reply.when(changedSessions(userId, since).thenCompose(changed -> sessionInfos(userId, changed)),
                infos -> response(userId, infos), () -> response(userId, List.of()), metrics);
    }

    /** The sessions to report, newest first: each conversation once, as of its latest change. */
    private CompletionStage<List<Change>> changedSessions(long userId, long since) {
        CompletableFuture<List<RecentSession>> current = messages.recentSessions(userId, since, maxSessions)
                .toCompletableFuture();
        CompletableFuture<List<RecentSession>> removed = since == 0
                ? CompletableFuture.completedFuture(List.of())
                : messages.removedSessions(userId, since, maxSessions).toCompletableFuture();
        return current.thenCombine(removed, (sessions, tombstones) -> {
            Map<String, Change> latest = new LinkedHashMap<>();
            tombstones.forEach(tombstone -> latest.put(tombstone.field(), new Change(tombstone, true)));
            sessions.forEach(recent -> latest.merge(recent.field(), new Change(recent, false),
                    (tombstone, now) -> now.session().updatedSeconds() >= tombstone.session().updatedSeconds()
                            ? now : tombstone));
            return latest.values().stream()
                    .sorted(Comparator.comparingLong((Change change) -> change.session().updatedSeconds()).reversed())
                    .limit(maxSessions)
                    .toList();
        });
    }

    private CompletionStage<List<ContactSessionInfo>> sessionInfos(long userId, List<Change> changes) {
        List<CompletableFuture<ContactSessionInfo>> infos = new ArrayList<>(changes.size());
        for (Change change : changes) {
            RecentSession recent = change.session();
            infos.add(messages.latestMessage(userId, recent.sessionType(), recent.peerId())
                    .thenApply(stored -> stored.isEmpty() && !change.removed() ? null
                            : info(recent, change.removed(), LatestMessage.of(recent.sessionType(), recent.peerId(),
                            stored)))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(infos.toArray(CompletableFuture[]::new)).thenApply(done -> infos.stream()
                .map(CompletableFuture::join)
                .filter(info -> info != null)
                .toList());
    }

    private static ContactSessionInfo info(RecentSession recent, boolean removed, LatestMessage latest) {
        return ContactSessionInfo.newBuilder()
                .setSessionId((int) recent.peerId())
                .setSessionType(SessionType.forNumber(recent.sessionType()))
                .setSessionStatus(removed ? SessionStatusType.SESSION_STATUS_DELETE : SessionStatusType.SESSION_STATUS_OK)
                .setUpdatedTime((int) recent.updatedSeconds())
                .setLatestMsgId(latest.msgId())
                .setLatestMsgData(latest.data())
                .setLatestMsgType(latest.type())
                .setLatestMsgFromUserId(latest.fromUserId())
                .build();
    }

    private static IMRecentContactSessionRsp response(long userId, List<ContactSessionInfo> infos) {
        return IMRecentContactSessionRsp.newBuilder()
                .setUserId((int) userId)
                .addAllContactSessionList(infos)
                .build();
    }

    /** A session as it changed last: updated (a message) or removed. */
    private record Change(RecentSession session, boolean removed) {
    }
}
