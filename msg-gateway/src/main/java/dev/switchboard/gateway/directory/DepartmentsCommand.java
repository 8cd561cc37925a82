package dev.switchboard.gateway.directory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBuddy.IMDepartmentReq;
import com.mogujie.tt.protobuf.IMBuddy.IMDepartmentRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.DepartmentRecord;
import dev.switchboard.store.DepartmentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code IMDepartmentReq} (0x0210) → {@code IMDepartmentRsp} (0x0211) with the request's seq: the departments updated
 * after {@code latest_update_time} (0: all), deleted ones included with {@code DEPT_STATUS_DELETE}. Incremental in the
 * same way as {@link AllUsersCommand}.
 */
@Component
final class DepartmentsCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(DepartmentsCommand.class);

    private final DepartmentStore departments;
    private final GatewayMetrics metrics;

    DepartmentsCommand(DepartmentStore departments, GatewayMetrics metrics) {
        this.departments = departments;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return BuddyListCmdID.CID_BUDDY_LIST_DEPARTMENT_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        long after;
        try {
            after = Integer.toUnsignedLong(
                    IMDepartmentReq.parser().parsePartialFrom(pdu.body()).getLatestUpdateTime());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            answer(session, pdu.seq(), 0, List.of());
            return;
        }
        departments.updatedAfter(after).whenComplete((found, error) -> {
            if (error != null) {
                log.warn("departments not read userId={} error={}", session.userId(), error.toString());
            }
            answer(session, pdu.seq(), after, error == null ? found : List.of());
        });
    }

    private static void answer(Session session, int seq, long after, List<DepartmentRecord> found) {
        IMDepartmentRsp.Builder response = IMDepartmentRsp.newBuilder()
                .setUserId((int) session.userId())
                .setLatestUpdateTime(SyncWindow.latest(after,
                        found.stream().mapToLong(DepartmentRecord::updatedAt), SyncWindow.nowSeconds()));
        found.forEach(department -> response.addDeptList(department.toDepartInfo()));
        session.send(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_DEPARTMENT_RESPONSE_VALUE,
                seq, response.build()));
    }
}
