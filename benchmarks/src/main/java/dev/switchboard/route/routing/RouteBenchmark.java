package dev.switchboard.route.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.benchmarks.Payloads;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.proto.envelope.Target;
import dev.switchboard.route.StoredMessages;
import dev.switchboard.store.PresenceEntry;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * route-service's CPU work on a 1:1 message, without Redis or Kafka: what {@link SingleMessageRouter} does before
 * storing (parse the IMMsgData out of the envelope, {@link Recipients#msgInfo} it, serialize), and what
 * {@link DeliveryPublisher#send} does before sending (group the recipient connections by gateway into one
 * Delivery per gateway, serialize each). The latter repeats send's grouping loop around the real
 * {@code DeliveryPublisher.newDelivery}: the method itself needs Kafka and live gateways.
 * {@code targets} connections sit on as many gateways (1 target: one record; 3 targets: three records, the most a
 * 1:1 message with three connections makes).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
public class RouteBenchmark {

    private final RouteEnvelope envelope = Payloads.routeEnvelope();

    /** The connections a message is delivered to: {@code targets} of the recipient, each on its own gateway. */
    @State(Scope.Thread)
    public static class Connections {

        @Param({"1", "3"})
        public int targets;

        private final List<RecipientConnection> recipients = new ArrayList<>();

        @Setup
        public void setUp() {
            for (int i = 1; i <= targets; i++) {
                recipients.add(new RecipientConnection(new PresenceEntry(Payloads.TO, "gw-" + i,
                        Payloads.CONNECTION_BASE | i, 0x01, 1, 0), Payloads.FROM));
            }
        }
    }

    /** The history entry of the message: parse the body, build TeamTalk's MsgInfo, serialize it. */
    @Benchmark
    public byte[] msgInfo() throws InvalidProtocolBufferException {
        IMMsgData message = IMMsgData.parseFrom(envelope.getFrame().getBody());
        return StoredMessages.msgInfo(message).toByteArray();
    }

    /** One serialized Delivery per gateway holding a recipient connection. */
    @Benchmark
    public void deliveries(Connections connections, Blackhole blackhole) {
        Map<String, Delivery.Builder> byGateway = new LinkedHashMap<>();
        for (RecipientConnection recipient : connections.recipients) {
            byGateway.computeIfAbsent(recipient.connection().gatewayId(), id -> DeliveryPublisher.newDelivery(envelope))
                    .addTargets(Target.newBuilder()
                            .setUserId((int) recipient.connection().userId())
                            .setConnectionId(recipient.connection().connectionId())
                            .setPeerId((int) recipient.peerId()));
        }
        for (Map.Entry<String, Delivery.Builder> entry : byGateway.entrySet()) {
            blackhole.consume(entry.getKey());
            blackhole.consume(entry.getValue().build().toByteArray());
        }
    }
}
