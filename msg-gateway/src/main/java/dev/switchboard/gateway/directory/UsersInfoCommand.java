package dev.switchboard.gateway.directory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersInfoReq;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersInfoRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
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
 * {@code IMUsersInfoReq} (0x0204) → {@code IMUsersInfoRsp} (0x0205) with the request's seq: the UserInfo of each
 * requested id that exists, in request order, each once. At most {@code max-ids-per-request} distinct ids are looked
 * up; the rest are ignored and counted as truncated (TeamTalk has no limit; one request must not make a gateway read
 * the whole directory).
 */
@Component
final class UsersInfoCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(UsersInfoCommand.class);

    private final UserDirectory directory;
    private final GatewayMetrics metrics;
    private final int maxIds;

    UsersInfoCommand(UserDirectory directory, GatewayMetrics metrics, GatewayProperties properties) {
        this.directory = directory;
        this.metrics = metrics;
        this.maxIds = properties.maxIdsPerRequest();
    }

    @Override
    public int commandId() {
        return BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        List<Long> ids;
        try {
            ids = IMUsersInfoReq.parser().parsePartialFrom(pdu.body()).getUserIdListList().stream()
                    .map(Integer::toUnsignedLong)
                    .distinct()
                    .limit(maxIds + 1L)
                    .toList();
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            answer(session, pdu.seq(), List.of());
            return;
        }
        if (ids.size() > maxIds) {
            metrics.requestLimited(commandId(), "truncated");
            ids = ids.subList(0, maxIds);
        }
        directory.findAll(ids).whenComplete((users, error) -> {
            if (error != null) {
                log.warn("users info not read userId={} error={}", session.userId(), error.toString());
            }
            answer(session, pdu.seq(), error == null ? users : List.of());
        });
    }

    private static void answer(Session session, int seq, List<UserRecord> users) {
        IMUsersInfoRsp.Builder response = IMUsersInfoRsp.newBuilder().setUserId((int) session.userId());
        users.forEach(user -> response.addUserInfoList(user.toUserInfo()));
        session.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_RESPONSE_VALUE,
                seq, response.build()));
    }
}
