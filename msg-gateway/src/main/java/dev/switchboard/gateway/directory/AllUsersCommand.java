package dev.switchboard.gateway.directory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserReq;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.UserDirectory;
import dev.switchboard.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code IMAllUserReq} (0x0208) → {@code IMAllUserRsp} (0x0209) with the request's seq: every user updated after
 * {@code latest_update_time} (0: all), disabled ones included so that clients learn they are gone from their non-zero
 * {@code status}, as TeamTalk's db_proxy lists changed users. When the directory cannot be read, the answer is empty
 * and keeps the request's time, so the client simply asks again later.
 */
@Component
final class AllUsersCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(AllUsersCommand.class);

    private final UserDirectory directory;
    private final GatewayMetrics metrics;

    AllUsersCommand(UserDirectory directory, GatewayMetrics metrics) {
        this.directory = directory;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        long after;
        try {
            after = Integer.toUnsignedLong(IMAllUserReq.parser().parsePartialFrom(pdu.body()).getLatestUpdateTime());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            answer(session, pdu.seq(), 0, List.of());
            return;
        }
        directory.updatedAfter(after).whenComplete((users, error) -> {
            if (error != null) {
                log.warn("all users not read userId={} error={}", session.userId(), error.toString());
            }
            answer(session, pdu.seq(), after, error == null ? users : List.of());
        });
    }

    private static void answer(Session session, int seq, long after, List<UserRecord> users) {
        IMAllUserRsp.Builder response = IMAllUserRsp.newBuilder()
                .setUserId((int) session.userId())
                .setLatestUpdateTime(SyncWindow.latest(after, users.stream().mapToLong(UserRecord::updatedAt),
                        SyncWindow.nowSeconds()));
        users.forEach(user -> response.addUserList(user.toUserInfo()));
        session.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE,
                seq, response.build()));
    }
}
