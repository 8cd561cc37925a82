package dev.switchboard.gateway.group;

import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import dev.switchboard.store.GroupRecord;

import java.util.List;

/**
 * Who may change a group's members: a normal group only its creator (clients rarely do; administrators use the admin
 * API); a temporary group any member may add to, but only the creator may remove others, and any member may remove
 * themselves (leave).
 */
final class MemberChangeRule {

    private MemberChangeRule() {
    }

    static boolean allows(GroupRecord group, long requesterId, GroupModifyType type, List<Long> userIds) {
        if (userIds.isEmpty()) {
            return false;
        }
        boolean creator = group.creatorId() == requesterId;
        if (group.type() == GroupRecord.NORMAL) {
            return creator;
        }
        if (type == GroupModifyType.GROUP_MODIFY_TYPE_ADD) {
            return group.hasMember(requesterId);
        }
        return creator || userIds.stream().allMatch(id -> id == requesterId) && group.hasMember(requesterId);
    }
}
