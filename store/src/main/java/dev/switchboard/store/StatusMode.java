package dev.switchboard.store;

/**
 * Which status a user reads as, in {@code IMUsersStatRsp} and {@code IMUserStatNotify} ({@code switchboard.status-mode},
 * read by msg-gateway and presence-service alike). {@link UserStatus} applies it.
 */
public enum StatusMode {
    /**
     * TeamTalk's route_server (PROTOCOL.md §6.1, §6.3), the default: only PC-class connections count. A user with a
     * PC connection reads ONLINE, anyone else (mobile-only users included) OFFLINE; LEAVE is never reported by a
     * query. {@code IMUserStatNotify} is sent when a PC logs in (with the status that connection chose: ONLINE or
     * LEAVE) and when the user's last PC goes away (OFFLINE); mobile logins and logouts never produce one.
     */
    TEAMTALK,
    /**
     * Every connection counts: a user with any connection reads ONLINE, or LEAVE when all its connections chose
     * LEAVE; OFFLINE only without connections. {@code IMUserStatNotify} is sent whenever that status changes,
     * whichever client class caused it.
     */
    ACCURATE
}
