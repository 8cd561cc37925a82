package dev.switchboard.presence.notice;

import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import dev.switchboard.store.PresenceChange;
import dev.switchboard.store.PresenceEntry;
import dev.switchboard.store.StatusMode;
import dev.switchboard.store.UserStatus;

/**
 * Which status notices one presence change causes, as TeamTalk's route_server decides them (PROTOCOL.md §6.3).
 *
 * <p>{@code IMUserStatNotify} (0x0203, to every PC client): in {@link StatusMode#TEAMTALK} mode when a PC connection
 * logs in (the status it chose: ONLINE or LEAVE, even if another PC is online) and when the user's last PC
 * connection goes away (OFFLINE); mobile connections never cause one. In {@link StatusMode#ACCURATE} mode whenever
 * {@link UserStatus#of} changes.
 *
 * <p>{@code IMPCLoginStatusNotify} (0x020e, to the user's mobile clients), in both modes: ONLINE after a login when a
 * PC connection is online (so a mobile that logs in learns its PC is there); OFFLINE when the last PC connection went
 * away and some connection remains.
 *
 * @param userStat    the status to announce in 0x0203, or null for none
 * @param pcLoginStat the login_stat to send in 0x020e, or null for none
 */
record StatusNotices(UserStatType userStat, UserStatType pcLoginStat) {

    static StatusNotices of(UserStatus status, PresenceChange change) {
        return new StatusNotices(userStat(status, change), pcLoginStat(change));
    }

    private static UserStatType userStat(UserStatus status, PresenceChange change) {
        if (status.mode() == StatusMode.ACCURATE) {
            UserStatType after = status.of(change.remaining());
            return status.of(change.before()) == after ? null : after;
        }
        for (PresenceEntry added : change.added()) {
            if (!added.mobile()) {
                return UserStatus.announced(added);
            }
        }
        return lastPcLeft(change) ? UserStatType.USER_STATUS_OFFLINE : null;
    }

    private static UserStatType pcLoginStat(PresenceChange change) {
        if (!change.added().isEmpty() && UserStatus.anyPc(change.remaining())) {
            return UserStatType.USER_STATUS_ONLINE;
        }
        return lastPcLeft(change) && !change.remaining().isEmpty() ? UserStatType.USER_STATUS_OFFLINE : null;
    }

    private static boolean lastPcLeft(PresenceChange change) {
        return UserStatus.anyPc(change.removed()) && !UserStatus.anyPc(change.remaining());
    }
}
