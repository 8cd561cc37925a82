package dev.switchboard.gateway.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionReq;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.notice.RoutePublisher;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.Audience;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code IMRemoveSessionReq} (0x0206): publishes {@code IMRemoveSessionNotify} (0x020f) to {@code im.route} for the
 * user's other connections on every gateway; route-service removes the session (its unread counter too) before
 * delivering it. Once Kafka has the notice, answers {@code IMRemoveSessionRsp} (0x0207) with result 0; result 1 when
 * publishing failed or the request names no conversation. TeamTalk notifies only for single chats; Switchboard does
 * for groups as well.
 */
@Component
final class RemoveSessionCommand implements Command {

    private final RoutePublisher routes;
    private final GatewayMetrics metrics;

    RemoveSessionCommand(RoutePublisher routes, GatewayMetrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_REQ_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMRemoveSessionReq request;
        try {
            request = IMRemoveSessionReq.parser().parsePartialFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            request = IMRemoveSessionReq.getDefaultInstance();
        }
        Reply reply = new Reply(session, ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_RES_VALUE, pdu.seq());
        if (!request.hasSessionType() || request.getSessionId() == 0) {
            reply.send(response(session, request, 1));
            return;
        }
        IMRemoveSessionNotify notify = IMRemoveSessionNotify.newBuilder()
                .setUserId((int) session.userId())
                .setSessionType(request.getSessionType())
                .setSessionId(request.getSessionId())
                .build();
        Pdu notice = Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_NOTIFY_VALUE,
                0, notify);
        IMRemoveSessionReq removed = request;
        routes.notice(session, notice, List.of(session.userId()), Audience.AUDIENCE_ALL)
                .whenComplete((published, error) -> {
                    if (error != null) {
                        metrics.commandFailed("not_published");
                    }
                    reply.send(response(session, removed, error == null ? 0 : 1));
                });
    }

    private static IMRemoveSessionRsp response(Session session, IMRemoveSessionReq request, int resultCode) {
        return IMRemoveSessionRsp.newBuilder()
                .setUserId((int) session.userId())
                .setResultCode(resultCode)
                .setSessionType(request.hasSessionType() ? request.getSessionType() : SessionType.SESSION_TYPE_SINGLE)
                .setSessionId(request.getSessionId())
                .build();
    }
}
