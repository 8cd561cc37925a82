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
 * @param pcIdleTimeout   a PC (or not logged in) connection that sends nothing for this long is closed; default 120s
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
        @DefaultValue("20000") int credentialIterations) {

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
        backupHost = backupHost == null || backupHost.isBlank() ? advertisedHost : backupHost;
    }
}
