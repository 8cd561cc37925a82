package dev.switchboard.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * msg-gateway settings ({@code switchboard.gateway.*}).
 *
 * @param id              this gateway's id, unique in the cluster and stable across restarts ({@code [A-Za-z0-9._-]+});
 *                        names its delivery topic {@code im.deliver.{id}}; default {@code gw-0}
 * @param host            address to bind; default {@code 0.0.0.0}
 * @param port            TeamTalk client port; default 8000 (0 picks a free port)
 * @param advertisedHost  address clients are told to connect to (login_server's priorIP); default {@code 127.0.0.1}
 * @param backupHost      login_server's backupIP; default: the advertised host
 * @param maxFrameLength  largest accepted frame, header included; default 1MB
 * @param maxConnections  connections advertised and accepted; default 100000
 * @param loginTimeout    a connection that has not logged in by then is closed; default 15s (TeamTalk)
 * @param pcIdleTimeout   a PC (or not logged in) connection that sends no complete frame for this long is closed (a
 *                        frame trickled in and never completed does not count); default 120s
 * @param mobileIdleTimeout the same for mobile clients; default 300s
 * @param messagesPerSecond messages a connection may send per second; more are dropped and counted; default 20
 * @param ackTimeout      how long a delivered message waits for the client's IMMsgDataAck before it is counted as
 *                        unacknowledged (the client still finds it in history); default 15s
 * @param leaseInterval   how often the gateway renews its lease; default 2s. A gateway purged while alive (presence
 *                        was down, or the gateway paused longer than its lease) is registered again by its next
 *                        renewal and resynchronised by its snapshot, so it heals within about one interval
 * @param leaseDuration   how long a lease lasts without renewal (presence purges the gateway after it, once it has
 *                        applied every presence event published before the expiry); default 8s: counted from
 *                        the last renewal (at most lease-interval before a crash), so a killed gateway's users read
 *                        offline within about 8 to 10 s
 * @param maxMessagesPerRequest most messages one message-list or by-id request returns, whatever the client asks;
 *                        default 100
 * @param maxSessionsPerRequest most sessions one recent-sessions request returns (the newest); default 100
 * @param dedupWindow     how long a sent message is remembered by sender, conversation, create_time and content: a
 *                        copy within it is acknowledged with the original msg_id (see MessagePublisher); default 60s
 * @param dedupPendingTimeout how long a copy waits for the original that is still being published before it takes
 *                        the publish over (with the same msg_id); default 10s
 * @param writeBufferLowWaterMark a connection that was unwritable becomes writable again below this many queued
 *                        bytes; default 256KB
 * @param writeBufferHighWaterMark a connection becomes unwritable above this many queued bytes; default 1MB
 * @param writeBufferLimit hard cap of a connection's queued bytes: a write beyond it is dropped and the connection
 *                        closed as a slow consumer; default 4MB
 * @param slowConsumerTimeout a connection that stays unwritable this long is closed as a slow consumer; default 10s
 * @param deliveryBacklogPause the delivery listener pauses when all connections together queue more bytes; default 64MB
 * @param deliveryBacklogResume a paused delivery listener resumes when all connections together queue fewer bytes;
 *                        default 16MB
 * @param drainPeriod     how long a graceful shutdown (SIGTERM, context close) takes to close the clients: the gateway
 *                        stops accepting connections, reports readiness OUT_OF_SERVICE and leaves the login API at
 *                        once, then closes its connections spread evenly over this period (each after its pending
 *                        writes), so its clients do not all reconnect elsewhere in the same second; its lease, and so
 *                        its clients' presence, stays valid until then. Then it releases the lease and stops. Default
 *                        10s; 0 closes every connection at once. The drain runs on the thread that closes the context,
 *                        so Spring's {@code spring.lifecycle.timeout-per-shutdown-phase} does not cut it short, but
 *                        Kubernetes' {@code terminationGracePeriodSeconds} does: keep that above the drain period plus
 *                        about 15 s for the rest of the shutdown (Kafka consumers, the last lease, HTTP)
 * @param credentialIterations PBKDF2 iterations of the hash that replaces an imported TeamTalk credential
 *                        ({@code md5(md5(password) + salt)}) at its user's next successful login; default 20000, as
 *                        presence-service uses for the users it creates
 * @param maxConnectionsPerAddress connections one source IP address may hold on this gateway; one more is closed at
 *                        once, counted in {@code im.gateway.connections.closed{reason=address_limit}}. Local to the
 *                        gateway (a client cannot be on two gateways with one socket). Default 200: generous for an
 *                        office behind one NAT address, small next to max-connections. Behind a load balancer that
 *                        replaces client addresses with its own, raise it (or keep the addresses, see OPERATIONS.md)
 * @param maxIdsPerRequest most entries of a repeated field one request is served for: user ids of a status or users
 *                        info request, groups of a group info request (the first ones are answered, the rest ignored, as
 *                        a TeamTalk client accepts a shorter list), members of a group create or member change (over it
 *                        the request is refused with result_code 1: a partial change would be worse). Counted in
 *                        {@code im.gateway.requests.limited{command,outcome}}; default 1000
 * @param requestsPerSecond requests a connection may send per second besides messages (which have their own limit),
 *                        heartbeats and delivery acks: status, directory, history and group requests, read acks, P2P
 *                        commands. More are dropped and counted in
 *                        {@code im.gateway.commands.ignored{reason=rate_limited}} (the client's request times out, as
 *                        a TeamTalk client's message over the rate does); default 100, several times the burst a
 *                        TeamTalk client sends after login
 * @param maxMessageBytes largest {@code msg_data} of a message and {@code cmd_msg_data} of a P2P command; a larger
 *                        one is dropped without an ack and counted ({@code reason=too_large}), so one client cannot
 *                        fill history and every recipient's socket with frame-sized messages. Default 256KB: above a
 *                        TeamTalk voice message (audio travels inline, about 2KB per second of speech)
 * @param presenceConfirmTimeout how long an accepted login waits for presence-service to confirm that it applied the
 *                        connection's ONLINE before its {@code IMLoginRes} is sent (from then on every message routed
 *                        to the user reaches this connection live: a user is reachable from the moment their login is
 *                        answered). Past it the login is answered anyway, so that an outage of presence-service does
 *                        not stop every login, and counted in {@code im.gateway.logins{result=unconfirmed}} (an alert
 *                        fires): the user is reachable once presence catches up. Default 5s: below the 10 s a client commonly waits for a login answer
 * @param loginThrottle   failed-login backoff per user name and per source address (see {@link LoginThrottle})
 */
@ConfigurationProperties("switchboard.gateway")
public record GatewayProperties(
        @DefaultValue("gw-0") String id,
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("8000") int port,
        @DefaultValue("127.0.0.1") String advertisedHost,
        String backupHost,
        @DefaultValue("1MB") DataSize maxFrameLength,
        @DefaultValue("100000") int maxConnections,
        @DefaultValue("15s") Duration loginTimeout,
        @DefaultValue("120s") Duration pcIdleTimeout,
        @DefaultValue("300s") Duration mobileIdleTimeout,
        @DefaultValue("20") int messagesPerSecond,
        @DefaultValue("15s") Duration ackTimeout,
        @DefaultValue("2s") Duration leaseInterval,
        @DefaultValue("8s") Duration leaseDuration,
        @DefaultValue("100") int maxMessagesPerRequest,
        @DefaultValue("100") int maxSessionsPerRequest,
        @DefaultValue("60s") Duration dedupWindow,
        @DefaultValue("10s") Duration dedupPendingTimeout,
        @DefaultValue("256KB") DataSize writeBufferLowWaterMark,
        @DefaultValue("1MB") DataSize writeBufferHighWaterMark,
        @DefaultValue("4MB") DataSize writeBufferLimit,
        @DefaultValue("10s") Duration slowConsumerTimeout,
        @DefaultValue("64MB") DataSize deliveryBacklogPause,
        @DefaultValue("16MB") DataSize deliveryBacklogResume,
        @DefaultValue("10s") Duration drainPeriod,
        @DefaultValue("20000") int credentialIterations,
        @DefaultValue("200") int maxConnectionsPerAddress,
        @DefaultValue("1000") int maxIdsPerRequest,
        @DefaultValue("100") int requestsPerSecond,
        @DefaultValue("256KB") DataSize maxMessageBytes,
        @DefaultValue("5s") Duration presenceConfirmTimeout,
        @DefaultValue LoginThrottle loginThrottle) {

    public GatewayProperties {
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("switchboard.gateway.id: " + id + " (expected: [A-Za-z0-9._-]+)");
        }
        if (writeBufferLowWaterMark.toBytes() > writeBufferHighWaterMark.toBytes()
                || writeBufferHighWaterMark.toBytes() > writeBufferLimit.toBytes()) {
            throw new IllegalArgumentException("switchboard.gateway: expected write-buffer-low-water-mark <= "
                    + "write-buffer-high-water-mark <= write-buffer-limit");
        }
        if (deliveryBacklogResume.toBytes() > deliveryBacklogPause.toBytes()) {
            throw new IllegalArgumentException("switchboard.gateway: expected delivery-backlog-resume <= "
                    + "delivery-backlog-pause");
        }
        if (drainPeriod.isNegative()) {
            throw new IllegalArgumentException("switchboard.gateway.drain-period: " + drainPeriod + " (expected: >= 0)");
        }
        if (credentialIterations < 1) {
            throw new IllegalArgumentException("switchboard.gateway.credential-iterations: " + credentialIterations
                    + " (expected: >= 1)");
        }
        if (maxConnectionsPerAddress < 1 || maxIdsPerRequest < 1 || requestsPerSecond < 1) {
            throw new IllegalArgumentException("switchboard.gateway: expected max-connections-per-address, "
                    + "max-ids-per-request and requests-per-second >= 1");
        }
        if (presenceConfirmTimeout.compareTo(Duration.ZERO) <= 0) {
            throw new IllegalArgumentException("switchboard.gateway.presence-confirm-timeout: " + presenceConfirmTimeout
                    + " (expected: > 0)");
        }
        backupHost = backupHost == null || backupHost.isBlank() ? advertisedHost : backupHost;
    }

    /**
     * Failed-login backoff ({@code switchboard.gateway.login-throttle.*}). Failures are counted in Redis per user name
     * and per source address, so every gateway sees the same counts. Once a subject reaches its threshold within the
     * window, its next attempts are refused for a backoff that doubles with each further failure, up to
     * {@code max-backoff}, without the password being checked: the client gets TeamTalk's
     * {@code IMLoginRes{result_code=6, "用户名/密码错误次数太多"}} and is closed. A refused attempt does not count
     * as a failure, so the backoff never exceeds {@code max-backoff} after the last real failure: an attacker cannot
     * lock a user out for longer than that past their last guess, and gets at most one guess per {@code max-backoff}
     * per user name. A successful login clears the user name's count (not the address's) and remembers its address
     * for {@code remember-addresses}: from an address where the name logged in before, neither the name's nor the
     * address's backoff applies (its failures still count), so a brute-forcer elsewhere cannot keep a user out of
     * their usual network, nor one guessing many names keep out an office's known users.
     *
     * @param failuresPerUser    failures of one user name, within the window, before its first backoff; default 5
     * @param failuresPerAddress failures from one source address (any user names), within the window, before its
     *                           first backoff; higher than per user since many users may share one NAT address;
     *                           default 20
     * @param window             a subject's failure count is forgotten this long after its last failure; default 15m
     * @param backoff            the first backoff; each further failure doubles it; default 1s
     * @param maxBackoff         the longest backoff; default 5m
     * @param rememberAddresses  how long an address a name logged in from stays exempt from the backoffs (the newest
     *                           20 per name, each until this long after its last successful login); default 30d, 0
     *                           remembers none
     */
    public record LoginThrottle(
            @DefaultValue("5") int failuresPerUser,
            @DefaultValue("20") int failuresPerAddress,
            @DefaultValue("15m") Duration window,
            @DefaultValue("1s") Duration backoff,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("30d") Duration rememberAddresses) {

        public LoginThrottle {
            if (failuresPerUser < 1 || failuresPerAddress < 1 || window.compareTo(Duration.ZERO) <= 0
                    || backoff.compareTo(Duration.ZERO) <= 0 || maxBackoff.compareTo(backoff) < 0
                    || rememberAddresses.isNegative()) {
                throw new IllegalArgumentException("switchboard.gateway.login-throttle: expected failures >= 1, "
                        + "window and backoff > 0, max-backoff >= backoff, remember-addresses >= 0");
            }
        }
    }
}
