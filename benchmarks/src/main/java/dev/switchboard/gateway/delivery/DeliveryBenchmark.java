package dev.switchboard.gateway.delivery;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.switchboard.benchmarks.Payloads;
import dev.switchboard.gateway.BenchmarkGateway;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.server.BenchmarkPipeline;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway delivering one message record, on the production classes: {@link DeliveryListener#onDelivery} parses the
 * Delivery, finds each target in the {@link SessionRegistry} and calls {@link Session#deliver} (pending-ack entry,
 * write on the connection's event loop); each connection is an {@code EmbeddedChannel} carrying the gateway's
 * pipeline ({@link BenchmarkPipeline}: slow-consumer guard, flush consolidation, idle handler, {@code PduEncoder}).
 * One operation ends when every target's frame has been encoded and flushed into its channel's outbound queue (then
 * released). Every delivery carries the same msg_id, so each connection keeps one pending-ack entry. The path is long
 * (protobuf, the pipeline, Micrometer): it needs about 4 s of warm-up on a busy 2-core machine, hence 8 iterations.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 3, time = 1)
public class DeliveryBenchmark {

    /** Connections of the recipient on this gateway named by the record. */
    @Param({"1", "3"})
    public int targets;

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private DeliveryListener listener;
    private byte[] record;

    @Setup
    public void setUp() throws InvalidProtocolBufferException {
        SessionRegistry sessions = new SessionRegistry();
        GatewayProperties properties = BenchmarkGateway.defaultProperties();
        GatewayMetrics metrics = BenchmarkGateway.metrics(sessions);
        long[] connectionIds = new long[targets];
        for (int i = 0; i < targets; i++) {
            EmbeddedChannel channel = new EmbeddedChannel();
            BenchmarkPipeline.install(channel, properties, metrics);
            Session session = sessions.open(channel);
            session.loggedIn(Payloads.TO, 0x01, 1);
            channels.add(channel);
            connectionIds[i] = session.connectionId();
        }
        // presence-service's snapshot requests and login confirmations are not measured: no presence publisher, no
        // pending logins
        listener = new DeliveryListener(sessions, metrics, null, null);
        record = Payloads.delivery(connectionIds).toByteArray();
        if (deliver() != targets) {
            throw new IllegalStateException("expected one frame written per target");
        }
    }

    @TearDown
    public void tearDown() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** Returns the frames written (one per target). */
    @Benchmark
    public int deliver() throws InvalidProtocolBufferException {
        listener.onDelivery(record);
        int written = 0;
        for (EmbeddedChannel channel : channels) {
            channel.runPendingTasks();
            Object frame;
            while ((frame = channel.readOutbound()) != null) {
                written += frame instanceof ByteBuf bytes && bytes.readableBytes() > 0 ? 1 : 0;
                ReferenceCountUtil.release(frame);
            }
        }
        return written;
    }
}
