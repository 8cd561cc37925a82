package dev.switchboard.gateway.directory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBuddy.IMChangeAvatarReq;
import com.mogujie.tt.protobuf.IMBuddy.IMChangeAvatarRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.DirectoryWrite;
import dev.switchboard.store.UserDirectory;
import dev.switchboard.store.UserField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code IMChangeAvatarReq} (0x020c): stores the avatar URL (bumping the user's {@code updated} time, so other
 * clients' incremental all-user sync sees it) and answers {@code IMChangeAvatarRsp} (0x020d, request's seq, result 0).
 * Result 1 for an unparsable request, a URL longer than {@link #MAX_LENGTH} characters (TeamTalk's column width) or
 * a store failure. Like TeamTalk, no avatar-changed notify is sent.
 */
@Component
final class AvatarCommand implements Command {

    static final int MAX_LENGTH = 255;
    private static final Logger log = LoggerFactory.getLogger(AvatarCommand.class);

    private final UserDirectory directory;
    private final GatewayMetrics metrics;

    AvatarCommand(UserDirectory directory, GatewayMetrics metrics) {
        this.directory = directory;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return BuddyListCmdID.CID_BUDDY_LIST_CHANGE_AVATAR_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        String avatarUrl;
        try {
            avatarUrl = IMChangeAvatarReq.parser().parsePartialFrom(pdu.body()).getAvatarUrl();
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            answer(session, pdu.seq(), 1);
            return;
        }
        if (avatarUrl.codePointCount(0, avatarUrl.length()) > MAX_LENGTH) {
            metrics.commandIgnored("too_long");
            answer(session, pdu.seq(), 1);
            return;
        }
        directory.update(session.userId(), Map.of(UserField.AVATAR, avatarUrl), SyncWindow.nowSeconds())
                .whenComplete((result, error) -> {
                    boolean stored = error == null && result == DirectoryWrite.OK;
                    if (!stored) {
                        log.warn("avatar not stored userId={} result={} error={}", session.userId(), result,
                                String.valueOf(error));
                    }
                    answer(session, pdu.seq(), stored ? 0 : 1);
                });
    }

    private static void answer(Session session, int seq, int resultCode) {
        IMChangeAvatarRsp response = IMChangeAvatarRsp.newBuilder()
                .setUserId((int) session.userId())
                .setResultCode(resultCode)
                .build();
        session.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_CHANGE_AVATAR_RESPONSE_VALUE,
                seq, response));
    }
}
