package dev.switchboard.gateway.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UnreadInfo;
import com.mogujie.tt.protobuf.IMMessage.IMUnreadMsgCntReq;
import com.mogujie.tt.protobuf.IMMessage.IMUnreadMsgCntRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.MessageStore;
import dev.switchboard.store.RecentSession;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code IMUnreadMsgCntReq} (0x0307) → {@code IMUnreadMsgCntRsp} (0x0308): one {@code UnreadInfo} per conversation
 * with unread messages (single and group), with that conversation's latest message, and their total. A conversation
 * whose latest message cannot be read (a group the user left) is left out, as TeamTalk leaves out invalid ones.
 */
@Component
final class UnreadCountCommand implements Command {

    private final MessageStore messages;
    private final GatewayMetrics metrics;

    UnreadCountCommand(MessageStore messages, GatewayMetrics metrics) {
        this.messages = messages;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return MessageCmdID.CID_MSG_UNREAD_CNT_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        try {
            IMUnreadMsgCntReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        long userId = session.userId();
        Reply reply = new Reply(session, ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_UNREAD_CNT_RESPONSE_VALUE,
                pdu.seq());
        reply.when(messages.unread(userId).thenCompose(counts -> unreadInfos(userId, counts)),
                infos -> response(userId, infos), () -> response(userId, List.of()), metrics);
    }

    private CompletionStage<List<UnreadInfo>> unreadInfos(long userId, Map<String, Long> counts) {
        List<CompletableFuture<UnreadInfo>> infos = counts.entrySet().stream()
                .filter(count -> count.getValue() > 0)
                .map(count -> unreadInfo(userId, RecentSession.parse(count.getKey(), 0), count.getValue()))
                .toList();
        return CompletableFuture.allOf(infos.toArray(CompletableFuture[]::new)).thenApply(done -> infos.stream()
                .map(CompletableFuture::join)
                .filter(info -> info != null)
                .sorted(Comparator.comparingInt((UnreadInfo info) -> info.getSessionType().getNumber())
                        .thenComparingInt(UnreadInfo::getSessionId))
                .toList());
    }

    /** The conversation's unread info, null when its latest message cannot be read. */
    private CompletableFuture<UnreadInfo> unreadInfo(long userId, RecentSession conversation, long count) {
        return messages.latestMessage(userId, conversation.sessionType(), conversation.peerId())
                .thenApply(stored -> stored.map(found -> {
                    LatestMessage latest = LatestMessage.of(conversation.sessionType(), conversation.peerId(), stored);
                    return UnreadInfo.newBuilder()
                            .setSessionId((int) conversation.peerId())
                            .setSessionType(SessionType.forNumber(conversation.sessionType()))
                            .setUnreadCnt((int) count)
                            .setLatestMsgId(latest.msgId())
                            .setLatestMsgData(latest.data())
                            .setLatestMsgType(latest.type())
                            .setLatestMsgFromUserId(latest.fromUserId())
                            .build();
                }).orElse(null))
                .toCompletableFuture();
    }

    private static IMUnreadMsgCntRsp response(long userId, List<UnreadInfo> infos) {
        return IMUnreadMsgCntRsp.newBuilder()
                .setUserId((int) userId)
                .setTotalCnt(infos.stream().mapToInt(UnreadInfo::getUnreadCnt).sum())
                .addAllUnreadinfoList(infos)
                .build();
    }
}
