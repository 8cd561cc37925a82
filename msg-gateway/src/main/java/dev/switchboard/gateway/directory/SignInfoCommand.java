package dev.switchboard.gateway.directory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBuddy.IMChangeSignInfoReq;
import com.mogujie.tt.protobuf.IMBuddy.IMChangeSignInfoRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMSignInfoChangedNotify;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.notice.RoutePublisher;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.Audience;
import dev.switchboard.store.DirectoryWrite;
import dev.switchboard.store.UserDirectory;
import dev.switchboard.store.UserField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code IMChangeSignInfoReq} (0x0213): stores the sign info (bumping the user's {@code updated} time), answers
 * {@code IMChangeSignInfoRsp} (0x0214, request's seq, result 0 and the sign info), then broadcasts
 * {@code IMSignInfoChangedNotify} (0x0215, seq 0) to every connection on every gateway but the requesting one, as
 * TeamTalk's route_server echoes it to all msg_servers. Result 1, and no notify, for an unparsable request, a sign
 * info longer than {@link #MAX_LENGTH} characters, or a store failure.
 */
@Component
final class SignInfoCommand implements Command {

    static final int MAX_LENGTH = 256;
    private static final Logger log = LoggerFactory.getLogger(SignInfoCommand.class);

    private final UserDirectory directory;
    private final RoutePublisher routes;
    private final GatewayMetrics metrics;

    SignInfoCommand(UserDirectory directory, RoutePublisher routes, GatewayMetrics metrics) {
        this.directory = directory;
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return BuddyListCmdID.CID_BUDDY_LIST_CHANGE_SIGN_INFO_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        String signInfo;
        try {
            signInfo = IMChangeSignInfoReq.parser().parsePartialFrom(pdu.body()).getSignInfo();
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            answer(session, pdu.seq(), 1, null);
            return;
        }
        if (signInfo.codePointCount(0, signInfo.length()) > MAX_LENGTH) {
            metrics.commandIgnored("too_long");
            answer(session, pdu.seq(), 1, null);
            return;
        }
        directory.update(session.userId(), Map.of(UserField.SIGN_INFO, signInfo), SyncWindow.nowSeconds())
                .whenComplete((result, error) -> {
                    if (error != null || result != DirectoryWrite.OK) {
                        log.warn("sign info not stored userId={} result={} error={}", session.userId(), result,
                                String.valueOf(error));
                        answer(session, pdu.seq(), 1, null);
                        return;
                    }
                    answer(session, pdu.seq(), 0, signInfo);
                    IMSignInfoChangedNotify notify = IMSignInfoChangedNotify.newBuilder()
                            .setChangedUserId((int) session.userId())
                            .setSignInfo(signInfo)
                            .build();
                    routes.everyone(session, Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE,
                            BuddyListCmdID.CID_BUDDY_LIST_SIGN_INFO_CHANGED_NOTIFY_VALUE, 0, notify),
                            Audience.AUDIENCE_ALL);
                });
    }

    private static void answer(Session session, int seq, int resultCode, String signInfo) {
        IMChangeSignInfoRsp.Builder response = IMChangeSignInfoRsp.newBuilder()
                .setUserId((int) session.userId())
                .setResultCode(resultCode);
        if (signInfo != null) {
            response.setSignInfo(signInfo);
        }
        session.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_CHANGE_SIGN_INFO_RESPONSE_VALUE, seq, response.build()));
    }
}
