package dev.switchboard.store;

/**
 * One entry of a user's recent sessions ({@code sessions:{userId}}) or of their removed sessions
 * ({@code sessions:{userId}:removed}): the conversation and when it last changed.
 *
 * @param sessionType    TeamTalk SessionType: 1 single, 2 group
 * @param peerId         the other user (single) or the group
 * @param updatedSeconds the last message's time, or the removal time for a removed session
 */
public record RecentSession(int sessionType, long peerId, long updatedSeconds) {

    /**
     * Parses a {@code "{sessionType}:{peerId}"} member of the sessions keys, or a field of {@code unread:{userId}}
     * (any score then), with its score.
     */
    public static RecentSession parse(String member, double score) {
        int colon = member.indexOf(':');
        return new RecentSession(Integer.parseInt(member.substring(0, colon)),
                Long.parseLong(member.substring(colon + 1)), (long) score);
    }

    /** The member naming this conversation in the sessions and unread keys. */
    public String field() {
        return RedisKeys.sessionField(sessionType, peerId);
    }
}
