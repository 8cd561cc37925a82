package dev.switchboard.gateway;

import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.pdu.FrameException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The gateway's meters ({@code im.gateway.*}). Tags are bounded: reasons, results, command ids, the session type;
 * never a user id. Every meter also carries the common tags {@code application} and {@code gateway} (see
 * {@link MetricsConfiguration}). The two latencies are histograms with fixed buckets ({@link #LATENCY_BUCKETS}), so
 * Prometheus computes quantiles over any set of gateways with {@code histogram_quantile}. Meters an alert or a
 * dashboard rate depends on exist from startup at zero, so the first increment is seen as one.
 */
@Component
public final class GatewayMetrics {

    /** Bucket bounds of the latency histograms; 500 ms is the delivery latency objective. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};
    /** The {@code type} tag of the latencies, indexed by {@link #typeIndex}. */
    private static final String[] SESSION_TYPES = {"single", "group"};

    private final MeterRegistry registry;
    /** name -> tag value -> counter: looked up on every frame and delivery, so without building a key string. */
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> commands = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> sentCommands = new ConcurrentHashMap<>();
    /** By session type, indexed like {@link #SESSION_TYPES}. */
    private final Timer[] ackLatency = new Timer[SESSION_TYPES.length];
    private final Timer[] deliveryLatency = new Timer[SESSION_TYPES.length];
    private final Timer loginPresenceLatency;
    private final Counter unconfirmedLogins;

    GatewayMetrics(MeterRegistry registry, SessionRegistry sessions) {
        this.registry = registry;
        Gauge.builder("im.gateway.connections", sessions, SessionRegistry::size)
                .description("open client connections").register(registry);
        for (int type = 0; type < SESSION_TYPES.length; type++) {
            ackLatency[type] = latency("im.gateway.ack.latency", SESSION_TYPES[type],
                    "client's IMMsgData received to its IMMsgDataAck sent, after Kafka acknowledged the message");
            deliveryLatency[type] = latency("im.gateway.delivery.latency", SESSION_TYPES[type],
                    "sender's gateway published the message to this gateway wrote it to the recipient's connection");
        }
        loginPresenceLatency = Timer.builder("im.gateway.login.presence.latency")
                .description("accepted login to presence-service's confirmation that it holds the connection")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        unconfirmedLogins = Counter.builder("im.gateway.logins.unconfirmed")
                .description("logins answered without presence's confirmation (presence-confirm-timeout)")
                .register(registry);
        counter("im.gateway.deliveries.skipped", "reason", "connection_closed");
        FrameException.REASONS.forEach(reason -> counter("im.gateway.frames.rejected", "reason", reason));
        counter("im.gateway.messages.acknowledged", "result", "ok");
        counter("im.gateway.messages.dropped", "reason", "rate_limited");
        counter("im.gateway.connections.closed", "reason", CloseReason.KICKED.tag());
        counter("im.gateway.connections.closed", "reason", CloseReason.ADDRESS_LIMIT.tag());
        counter("im.gateway.logins", "result", "throttled");
        counter("im.gateway.commands.ignored", "reason", "rate_limited");
        counter("im.gateway.deliveries", "result", "stale");
    }

    private Timer latency(String name, String type, String description) {
        return Timer.builder(name).description(description).tag("type", type)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    public void connectionClosed(CloseReason reason) {
        count("im.gateway.connections.closed", "reason", reason.tag());
    }

    public void frameRejected(String reason) {
        count("im.gateway.frames.rejected", "reason", reason);
    }

    public void login(String result) {
        count("im.gateway.logins", "result", result);
    }

    /**
     * An accepted login's wait for presence to hold its connection, from acceptance to confirmation
     * ({@code im.gateway.login.presence.latency}).
     */
    public void loginConfirmed(long nanos) {
        loginPresenceLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * An accepted login answered without presence's confirmation, after {@code presence-confirm-timeout}: its user
     * may miss live messages until presence catches up ({@code im.gateway.logins.unconfirmed}).
     */
    public void loginUnconfirmed() {
        unconfirmedLogins.increment();
    }

    /**
     * A message delivery addressed to a connection this gateway does not hold (it closed meanwhile, or belonged to a
     * previous run of the gateway), so not delivered live ({@code im.gateway.deliveries.skipped{reason}}); the
     * message stays in history and unread.
     */
    public void deliverySkipped(String reason) {
        count("im.gateway.deliveries.skipped", "reason", reason);
    }

    /**
     * An imported (TeamTalk md5) credential re-hashed after a successful login; {@code result}: upgraded, changed
     * (the credential changed meanwhile and was kept), failed.
     */
    public void credentialUpgrade(String result) {
        count("im.gateway.credential.upgrades", "result", result);
    }

    /**
     * A failed login started or extended a backoff of a {@code subject} ({@code user} or {@code address}):
     * {@code im.gateway.logins.blocked{subject}}.
     */
    public void loginBlocked(String subject) {
        count("im.gateway.logins.blocked", "subject", subject);
    }

    /** A login let through a backoff because its name logged in from its address before. */
    public void loginFromKnownAddress() {
        count("im.gateway.logins.exempted", "reason", "known_address");
    }

    /**
     * A request named more entries than {@code max-ids-per-request} (or {@code max-messages-per-request}):
     * {@code im.gateway.requests.limited{command, outcome}}, outcome {@code truncated} (served for the first ones) or
     * {@code refused} (answered with a failure).
     */
    public void requestLimited(int commandId, String outcome) {
        Counter.builder("im.gateway.requests.limited").tag("command", "0x" + Integer.toHexString(commandId))
                .tag("outcome", outcome).register(registry).increment();
    }

    public void commandReceived(int commandId) {
        commands.computeIfAbsent(commandId, id -> Counter.builder("im.gateway.commands")
                .tag("command", "0x" + Integer.toHexString(id)).register(registry)).increment();
    }

    public void commandIgnored(String reason) {
        count("im.gateway.commands.ignored", "reason", reason);
    }

    /** A command whose store read or publish failed; the client got an empty or failed answer. */
    public void commandFailed(String reason) {
        count("im.gateway.commands.failed", "reason", reason);
    }

    public void messageDropped(String reason) {
        count("im.gateway.messages.dropped", "reason", reason);
    }

    /** A resent message acknowledged with the original's msg_id; {@code rule}: connection (same seq) or window. */
    public void messageDuplicate(String rule) {
        count("im.gateway.messages.duplicate", "rule", rule);
    }

    /**
     * A message was acknowledged to its sender.
     *
     * @param sessionType  TeamTalk SessionType (1 single, 2 group)
     * @param receivedNanos {@link System#nanoTime()} when the gateway received the client's IMMsgData
     */
    public void messageAcknowledged(int sessionType, long receivedNanos) {
        count("im.gateway.messages.acknowledged", "result", "ok");
        ackLatency[typeIndex(sessionType)].record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A message delivery was written to a recipient's connection: records the end-to-end latency from when the
     * sender's gateway published it ({@code published_at_millis}, that gateway's clock; a negative difference from
     * clock skew counts as 0).
     */
    public void deliveryWritten(int sessionType, long publishedAtMillis) {
        long millis = Math.max(0, System.currentTimeMillis() - publishedAtMillis);
        deliveryLatency[typeIndex(sessionType)].record(millis, TimeUnit.MILLISECONDS);
    }

    /** A PDU was written to a client ({@code im.gateway.commands.sent{command}}; received: {@code commands}). */
    public void commandSent(int commandId) {
        sentCommands.computeIfAbsent(commandId, id -> Counter.builder("im.gateway.commands.sent")
                .tag("command", "0x" + Integer.toHexString(id)).register(registry)).increment();
    }

    public void delivered(String result) {
        count("im.gateway.deliveries", "result", result);
    }

    /** A presence snapshot was published; {@code trigger}: {@code startup} or {@code request}. */
    public void snapshotPublished(String trigger) {
        count("im.gateway.presence.snapshots", "trigger", trigger);
    }

    /** A write to a connection dropped instead of queued (the connection is closed for it). */
    public void writeDropped(String reason) {
        count("im.gateway.writes.dropped", "reason", reason);
    }

    /**
     * The delivery backlog: bytes queued in all client connections, and whether the delivery listener is paused
     * because of it ({@code 1}) or not ({@code 0}).
     */
    public void deliveryBacklog(LongSupplier queuedBytes, BooleanSupplier paused) {
        Gauge.builder("im.gateway.delivery.backlog.bytes", queuedBytes, LongSupplier::getAsLong)
                .description("bytes queued in client connections").baseUnit("bytes").strongReference(true)
                .register(registry);
        Gauge.builder("im.gateway.delivery.paused", paused, state -> state.getAsBoolean() ? 1 : 0)
                .description("1 while the delivery listener is paused by the backlog").strongReference(true)
                .register(registry);
    }

    /** The delivery listener paused because the backlog exceeded its threshold. */
    public void deliveryPaused() {
        count("im.gateway.delivery.pauses", "reason", "backlog");
    }

    public void deliveryAcks(String result, int amount) {
        counter("im.gateway.delivery.acks", "result", result).increment(amount);
    }

    /** TeamTalk SessionType 2 (group) -> 1, anything else (1, single) -> 0. */
    private static int typeIndex(int sessionType) {
        return sessionType == 2 ? 1 : 0;
    }

    private void count(String name, String tag, String value) {
        counter(name, tag, value).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(value, key -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
