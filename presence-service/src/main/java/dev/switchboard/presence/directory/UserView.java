package dev.switchboard.presence.directory;

import dev.switchboard.store.UserRecord;

/** A user as the admin API shows it: every directory field except the credential. */
record UserView(long id, String name, String nick, int gender, String avatar, long departmentId, String email,
                String realName, String tel, String domain, int status, String signInfo, long updated) {

    static UserView of(UserRecord user) {
        return new UserView(user.id(), user.name(), user.nick(), user.gender(), user.avatarUrl(), user.departmentId(),
                user.email(), user.realName(), user.tel(), user.domain(), user.status(), user.signInfo(),
                user.updatedAt());
    }
}
