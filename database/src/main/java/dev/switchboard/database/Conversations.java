package dev.switchboard.database;

/**
 * The {@code conversation} column: the partition key of the message table and its distribution column on Citus.
 * {@code s:<lower user id>:<higher user id>} for a 1:1 chat (the same for both users), {@code g:<group id>} for a
 * group.
 */
public final class Conversations {

    private Conversations() {
    }

    /** The 1:1 conversation of two users, whichever of them is named first. */
    public static String single(long userA, long userB) {
        return "s:" + Math.min(userA, userB) + ":" + Math.max(userA, userB);
    }

    public static String group(long groupId) {
        return "g:" + groupId;
    }
}
