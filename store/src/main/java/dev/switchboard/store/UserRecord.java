package dev.switchboard.store;

import com.mogujie.tt.protobuf.IMBaseDefine.UserInfo;

/**
 * A user in the directory: TeamTalk's {@code UserInfo} fields plus the login name and stored credential.
 *
 * @param credential see {@link Credentials}; never logged ({@link #toString()} hides it)
 * @param status     TeamTalk's IMUser.status: 0 active, anything else disabled (cannot log in)
 * @param updatedAt  last change, seconds since the epoch (drives incremental all-user sync)
 */
public record UserRecord(long id, String name, String nick, int gender, String avatarUrl, long departmentId,
                         String email, String realName, String tel, String domain, int status, String signInfo,
                         String credential, long updatedAt) {

    public boolean active() {
        return status == 0;
    }

    /** TeamTalk's UserInfo as clients see it. */
    public UserInfo toUserInfo() {
        return UserInfo.newBuilder()
                .setUserId((int) id)
                .setUserGender(gender)
                .setUserNickName(nick)
                .setAvatarUrl(avatarUrl)
                .setDepartmentId((int) departmentId)
                .setEmail(email)
                .setUserRealName(realName)
                .setUserTel(tel)
                .setUserDomain(domain)
                .setStatus(status)
                .setSignInfo(signInfo)
                .build();
    }

    public UserRecord withCredential(String newCredential) {
        return new UserRecord(id, name, nick, gender, avatarUrl, departmentId, email, realName, tel, domain, status,
                signInfo, newCredential, updatedAt);
    }

    @Override
    public String toString() {
        return "UserRecord[id=" + id + ", name=" + name + ", status=" + status + "]";
    }
}
