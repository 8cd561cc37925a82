package dev.switchboard.presence.groups;

import dev.switchboard.store.GroupRecord;

import java.util.List;

/**
 * A group as the admin API shows it.
 *
 * @param type    {@code "normal"} or {@code "tmp"} (created by a client)
 * @param members member user ids, ascending
 */
record GroupView(long id, String name, String avatar, long creatorId, String type, int version,
                 List<Long> members) {

    static GroupView of(GroupRecord group) {
        return new GroupView(group.id(), group.name(), group.avatar(), group.creatorId(),
                group.type() == GroupRecord.NORMAL ? "normal" : "tmp", group.version(), group.members());
    }
}
