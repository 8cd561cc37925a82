package dev.switchboard.store;

/**
 * Every Redis key Switchboard uses, in one place. The owner named on each key is the only service that writes it; the
 * others read it through this schema.
 *
 * <pre>
 * key                                   type    owner      content
 * {p}user:{id}                          HASH    directory  UserInfo fields + credential (see UserDirectory)
 * {p}user:names                         HASH    directory  login name -> user id
 * {p}user:ids                           ZSET    directory  user id, score = updated time (seconds): incremental sync
 * {p}user:{id}:groups                   SET     directory  ids of the groups the user is a member of
 * {p}user:{id}:device-tokens            HASH    gateway    clientType -> push device token (IMDeviceTokenReq)
 * {p}user:{id}:push-shield              STRING  gateway    "1" when the user shields pushes, else "0" (IMPushShieldReq)
 * {p}dept:{id}                          HASH    directory  name, priority, parent, status, updated
 * {p}dept:ids                           ZSET    directory  department id, score = updated time (seconds)
 * {p}group:{id}                         HASH    directory  name, avatar, creator, type, version, status, updated
 * {p}group:{id}:members                 SET     directory  member user ids
 * {p}group:{id}:shield                  SET     directory  members who shielded the group (IMGroupShieldReq)
 * {p}group:next-id                      STRING  directory  last allocated group id (INCR)
 * {p}presence:{userId}                  HASH    presence   "{gatewayId}/{connectionId}" -> "{clientType}:{status}:{sinceMillis}"
 * {p}gateway:leases                     ZSET    presence   gateway id, score = lease expiry (epoch millis)
 * {p}gateway:{gatewayId}                HASH    presence   host, backup_host, port, connections, max_connections,
 *                                                          run (start of the gateway's run), snapshot_seq (last
 *                                                          snapshot applied)
 * {p}gateway:{gatewayId}:connections    ZSET    presence   "{userId}/{connectionId}" held by that gateway, score = the
 *                                                          presence sequence of its ONLINE (or of the snapshot)
 * {p}gateway:{gatewayId}:closed         ZSET    presence   tombstones: connection ids reported closed, score = when
 *                                                          (epoch millis); kept PresenceStore.TOMBSTONE_TTL
 * {p}gateway:{gatewayId}:draining       STRING  gateway    "1" while that gateway drains: the login API skips it
 *                                                          (see DrainingGateways); expires after the drain period
 *                                                          plus the lease duration, cleared when the gateway starts
 * {p}msgid:single:{low}:{high}          STRING  gateway    last msg_id of the 1:1 conversation (INCR)
 * {p}msgid:group:{groupId}              STRING  gateway    last msg_id of the group conversation (INCR)
 * {p}dedup:{from}:{type}:{peer}:{hash}  STRING  gateway    a client message's claim, "p:{msgId}:{deadlineMillis}"
 *                                                          while publishing, "a:{msgId}" once acknowledged; expires
 *                                                          after the dedup window (see SendClaims)
 * {p}login-failures:user:{nameDigest}   HASH    gateway    count (failed logins in the window), blocked (epoch millis
 *                                                          until which logins are refused); expires a window after
 *                                                          the last failure (see LoginFailures); nameDigest: SHA-256
 *                                                          of the login name, hex, so a key's length is bounded
 * {p}login-failures:address:{ip}        HASH    gateway    the same per source address
 * {p}history:single:{low}:{high}        HASH    route      msg_id -> serialized IM.BaseDefine.MsgInfo, and "floor": a
 *                                                          cache of the newest messages (all of them from the floor
 *                                                          up; PostgreSQL holds every one), bounded and expired by
 *                                                          the history writer once committed (history-trim.lua)
 * {p}history:group:{groupId}            HASH    route      the same for a group
 * {p}history-copied                     STRING  route      set once what Redis held was copied into PostgreSQL
 * {p}unread:{userId}                    HASH    route      "1:{peerId}" -> unread count of a 1:1 conversation (group
 *                                                          fields "2:{groupId}" only from before group counters:
 *                                                          still added to the group's unread until read or removed)
 * {p}sessions:{userId}                  ZSET    route      "1:{peerId}", score = last update (seconds); the user's
 *                                                          group sessions come from their groups' counters (members
 *                                                          "2:{groupId}" only from before group counters)
 * {p}sessions:{userId}:removed          ZSET    route      removed sessions "{sessionType}:{peerId}", score = removal
 *                                                          time (seconds); a group's stays until its counter passes
 *                                                          group-removed (then reads skip it)
 * {p}group:{groupId}:counter            HASH    route      count (group messages stored, one per msg_id), updated
 *                                                          (the last one's time, seconds): O(1) per message
 * {p}group-read:{userId}                HASH    route      groupId -> the group's count when the user last read it
 *                                                          (unread = count - mark; set to the count when sending,
 *                                                          reading, removing the session, and by the directory's
 *                                                          group scripts on joining; deleted on leaving)
 * {p}group-removed:{userId}             HASH    route      groupId -> the group's count when the user removed its
 *                                                          session: hidden until the count passes it
 * </pre>
 * Owners: "directory" keys are written by presence-service (admin API, seeding) and by gateways for what a client
 * changes about itself (sign info, avatar, temporary groups and their members, shields), always through the store
 * classes' atomic scripts; "route" keys only by route-service (gateways publish read acks and session removals to
 * it); "presence" keys only by presence-service.
 * Gateway ids match {@code [A-Za-z0-9._-]+}, so '/' and ':' separate fields unambiguously. Tests use a unique prefix
 * each, so they can share one Redis server.
 *
 * @param prefix prepended to every key, e.g. {@code "sb:"}
 */
public record RedisKeys(String prefix) {

    public static final String DEFAULT_PREFIX = "sb:";

    public String user(long userId) {
        return prefix + "user:" + userId;
    }

    public String userNames() {
        return prefix + "user:names";
    }

    public String userIds() {
        return prefix + "user:ids";
    }

    public String presence(long userId) {
        return prefix + "presence:" + userId;
    }

    public String gatewayLeases() {
        return prefix + "gateway:leases";
    }

    public String gateway(String gatewayId) {
        return prefix + "gateway:" + gatewayId;
    }

    public String gatewayConnections(String gatewayId) {
        return prefix + "gateway:" + gatewayId + ":connections";
    }

    public String gatewayClosed(String gatewayId) {
        return prefix + "gateway:" + gatewayId + ":closed";
    }

    public String gatewayDraining(String gatewayId) {
        return prefix + "gateway:" + gatewayId + ":draining";
    }

    public String singleMsgId(long userA, long userB) {
        return prefix + "msgid:single:" + pair(userA, userB);
    }

    public String singleHistory(long userA, long userB) {
        return prefix + "history:single:" + pair(userA, userB);
    }

    public String unread(long userId) {
        return prefix + "unread:" + userId;
    }

    public String sessions(long userId) {
        return prefix + "sessions:" + userId;
    }

    public String userGroups(long userId) {
        return prefix + "user:" + userId + ":groups";
    }

    public String deviceTokens(long userId) {
        return prefix + "user:" + userId + ":device-tokens";
    }

    public String pushShield(long userId) {
        return prefix + "user:" + userId + ":push-shield";
    }

    public String department(long departmentId) {
        return prefix + "dept:" + departmentId;
    }

    public String departmentIds() {
        return prefix + "dept:ids";
    }

    public String group(long groupId) {
        return prefix + "group:" + groupId;
    }

    public String groupMembers(long groupId) {
        return prefix + "group:" + groupId + ":members";
    }

    public String groupShield(long groupId) {
        return prefix + "group:" + groupId + ":shield";
    }

    public String groupNextId() {
        return prefix + "group:next-id";
    }

    public String groupMsgId(long groupId) {
        return prefix + "msgid:group:" + groupId;
    }

    /** A sent message's dedup claim; {@code contentHash} digests its create_time and content (see SendClaims). */
    public String sendClaim(long fromUserId, int sessionType, long peerId, String contentHash) {
        return prefix + "dedup:" + fromUserId + ":" + sessionType + ":" + peerId + ":" + contentHash;
    }

    /** A login subject's failure count; {@code subject}: {@code user:{nameDigest}} or {@code address:{ip}}. */
    public String loginFailures(String subject) {
        return prefix + "login-failures:" + subject;
    }

    /**
     * The source addresses a login name logged in from successfully (ZSET, address scored by the last success in
     * epoch millis); {@code userSubject}: {@code user:{nameDigest}}.
     */
    public String loginKnownAddresses(String userSubject) {
        return prefix + "login-known:" + userSubject;
    }

    public String groupHistory(long groupId) {
        return prefix + "history:group:" + groupId;
    }

    public String removedSessions(long userId) {
        return prefix + "sessions:" + userId + ":removed";
    }

    public String groupCounter(long groupId) {
        return prefix + "group:" + groupId + ":counter";
    }

    public String groupRead(long userId) {
        return prefix + "group-read:" + userId;
    }

    public String groupRemoved(long userId) {
        return prefix + "group-removed:" + userId;
    }

    /**
     * The field naming a conversation in {@link #unread}, {@link #sessions} and {@link #removedSessions}:
     * {@code "{sessionType}:{peerId}"}.
     */
    public static String sessionField(int sessionType, long peerId) {
        return sessionType + ":" + peerId;
    }

    private static String pair(long userA, long userB) {
        return Math.min(userA, userB) + ":" + Math.max(userA, userB);
    }
}
