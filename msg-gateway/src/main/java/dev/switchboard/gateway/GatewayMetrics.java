package dev.switchboard.gateway;

import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.SessionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The gateway's meters ({@code im.gateway.*}). Tags are bounded: reasons, results, command ids; never a user id.
 */
@Component
public final class GatewayMetrics {

    private final MeterRegistry registry;
    /** name -> tag value -> counter: looked up on every frame and delivery, so without building a key string. */
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> commands = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry, SessionRegistry sessions) {
        this.registry = registry;
        Gauge.builder("im.gateway.connections", sessions, SessionRegistry::size)
                .description("open client connections").register(registry);
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

    public void messageAcknowledged() {
        count("im.gateway.messages.acknowledged", "result", "ok");
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

    private void count(String name, String tag, String value) {
        counter(name, tag, value).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(value, key -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
