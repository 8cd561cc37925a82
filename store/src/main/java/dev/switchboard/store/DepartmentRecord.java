package dev.switchboard.store;

import com.mogujie.tt.protobuf.IMBaseDefine.DepartInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.DepartmentStatusType;

/**
 * A department, TeamTalk's IMDepart row: what {@code IMDepartmentRsp} lists.
 *
 * @param parentId  the parent department, 0 for a top-level one
 * @param status    TeamTalk's DepartmentStatusType: 0 OK, 1 deleted (clients drop it)
 * @param updatedAt last change, seconds since the epoch (drives incremental department sync)
 */
public record DepartmentRecord(long id, String name, int priority, long parentId, int status, long updatedAt) {

    /** TeamTalk's DepartInfo as clients see it. */
    public DepartInfo toDepartInfo() {
        DepartmentStatusType type = DepartmentStatusType.forNumber(status);
        return DepartInfo.newBuilder()
                .setDeptId((int) id)
                .setPriority(priority)
                .setDeptName(name)
                .setParentDeptId((int) parentId)
                .setDeptStatus(type == null ? DepartmentStatusType.DEPT_STATUS_DELETE : type)
                .build();
    }
}
