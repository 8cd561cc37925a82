package dev.switchboard.store;

/**
 * Every Redis key Switchboard uses, in one place. The owner named on each key is the only service that writes it; the
 * others read it through this schema.
 *
 * <pre>
 * key                                   type    owner      content
 * {p}user:{id}                          HASH    presence   UserInfo fields + credential (see UserDirectory)
 * {p}user:names                         HASH    presence   login name -> user id
 * {p}user:ids                           ZSET    presence   user id, score = updated time (seconds)
 * {p}presence:{userId}                  HASH    presence   "{gatewayId}/{connectionId}" -> "{clientType}:{status}:{sinceMillis}"
 * {p}gateway:leases                     ZSET    presence   gateway id, score = lease expiry (epoch millis)
 * {p}gateway:{gatewayId}                HASH    presence   host, backup_host, port, connections, max_connections
 * {p}gateway:{gatewayId}:connections    SET     presence   "{userId}/{connectionId}" held by that gateway
 * {p}msgid:single:{low}:{high}          STRING  gateway    last msg_id of the 1:1 conversation (INCR)
 * {p}history:single:{low}:{high}        HASH    route      msg_id -> serialized IM.BaseDefine.MsgInfo
 * {p}unread:{userId}                    HASH    route      "{sessionType}:{peerId}" -> unread count
 * {p}sessions:{userId}                  ZSET    route      "{sessionType}:{peerId}", score = last update (seconds)
 * </pre>
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

    /** The field naming a conversation in {@link #unread} and {@link #sessions}: {@code "{sessionType}:{peerId}"}. */
    public static String sessionField(int sessionType, long peerId) {
        return sessionType + ":" + peerId;
    }

    private static String pair(long userA, long userB) {
        return Math.min(userA, userB) + ":" + Math.max(userA, userB);
    }
}
