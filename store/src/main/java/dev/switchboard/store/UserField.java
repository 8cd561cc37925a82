package dev.switchboard.store;

/** The fields of a {@link RedisKeys#user} hash that {@link UserDirectory#update} may change. */
public enum UserField {
    /** The login name; changing it moves the user's entry in {@link RedisKeys#userNames}. */
    NAME("name"),
    NICK("nick"),
    GENDER("gender"),
    AVATAR("avatar"),
    DEPARTMENT("department"),
    EMAIL("email"),
    REAL_NAME("real_name"),
    TEL("tel"),
    DOMAIN("domain"),
    /** 0 active; anything else disabled (cannot log in, clients drop the user). */
    STATUS("status"),
    SIGN_INFO("sign_info"),
    /** See {@link Credentials}. */
    CREDENTIAL("credential");

    private final String hashField;

    UserField(String hashField) {
        this.hashField = hashField;
    }

    /** The field's name in the Redis hash. */
    public String hashField() {
        return hashField;
    }
}
