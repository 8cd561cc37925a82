package dev.switchboard.store;

import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;

import java.util.Collection;

/**
 * The one place that derives a user's TeamTalk status from its live connections, in the configured
 * {@link StatusMode}. msg-gateway uses it to answer {@code IMUsersStatReq}, presence-service to decide
 * {@code IMUserStatNotify}; pass only connections on gateways with a live lease.
 */
public final class UserStatus {

    private final StatusMode mode;

    public UserStatus(StatusMode mode) {
        this.mode = mode;
    }

    public StatusMode mode() {
        return mode;
    }

    /**
     * The status the user reads as. TEAMTALK: ONLINE with any PC-class connection, else OFFLINE. ACCURATE: OFFLINE
     * without connections, LEAVE when every connection chose LEAVE, else ONLINE.
     */
    public UserStatType of(Collection<PresenceEntry> connections) {
        if (mode == StatusMode.TEAMTALK) {
            return anyPc(connections) ? UserStatType.USER_STATUS_ONLINE : UserStatType.USER_STATUS_OFFLINE;
        }
        if (connections.isEmpty()) {
            return UserStatType.USER_STATUS_OFFLINE;
        }
        boolean allLeave = connections.stream().allMatch(c -> c.status() == UserStatType.USER_STATUS_LEAVE_VALUE);
        return allLeave ? UserStatType.USER_STATUS_LEAVE : UserStatType.USER_STATUS_ONLINE;
    }

    /** Whether any of the connections is PC-class (TeamTalk's "PC login" state). */
    public static boolean anyPc(Collection<PresenceEntry> connections) {
        return connections.stream().anyMatch(c -> !c.mobile());
    }

    /** The status one connection announces when it logs in: LEAVE if it chose LEAVE, else ONLINE (TeamTalk). */
    public static UserStatType announced(PresenceEntry connection) {
        return connection.status() == UserStatType.USER_STATUS_LEAVE_VALUE
                ? UserStatType.USER_STATUS_LEAVE : UserStatType.USER_STATUS_ONLINE;
    }
}
