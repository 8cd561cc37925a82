package dev.switchboard.store;

import java.util.List;

/**
 * A group in the directory ({@link RedisKeys#group}, {@link RedisKeys#groupMembers}).
 *
 * @param type    TeamTalk's GroupType: {@link #NORMAL} (made by an administrator, listed by 0x0401) or {@link #TMP}
 *                (made by a client)
 * @param version starts at 1, goes up with every change of members, name or avatar (clients re-fetch when it grows)
 * @param members member user ids, ascending
 */
public record GroupRecord(long id, String name, String avatar, long creatorId, int type, int version,
                          List<Long> members) {

    public static final int NORMAL = 1;
    public static final int TMP = 2;

    public GroupRecord {
        members = List.copyOf(members);
    }

    public boolean hasMember(long userId) {
        return members.contains(userId);
    }
}
