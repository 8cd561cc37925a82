package dev.switchboard.presence.groups;

import java.util.List;

/** Bodies the admin API accepts; every field is checked by {@link GroupAdminController}. */
final class GroupRequests {

    private GroupRequests() {
    }

    /** {@code POST /admin/groups}: a normal group; the creator is always a member. */
    record Create(String name, String avatar, Long creatorId, List<Long> memberIds) {
    }

    /** {@code PUT /admin/groups/{id}}: a null field keeps its value. */
    record Update(String name, String avatar) {
    }

    /** {@code POST /admin/groups/{id}/members/add} and {@code .../remove}. */
    record Members(List<Long> userIds) {
    }

    /**
     * What a member change did.
     *
     * @param changed the ids actually added or removed
     */
    record Changed(long id, int version, List<Long> members, List<Long> changed) {
    }
}
