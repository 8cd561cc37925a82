package dev.switchboard.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.RouteEnvelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Protobuf parse and serialize of what every message crosses: the client's IMMsgData body (parsed by the gateway),
 * the RouteEnvelope on im.route (written by the gateway, parsed by route-service) and a one-target Delivery on
 * im.deliver.* (written by route-service, parsed by the gateway). Serializing includes computing the size, as
 * {@code toByteArray()} does on every fresh message.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
public class ProtobufBenchmark {

    private IMMsgData message;
    private byte[] messageBytes;
    private RouteEnvelope envelope;
    private byte[] envelopeBytes;
    private Delivery delivery;
    private byte[] deliveryBytes;

    @Setup
    public void setUp() {
        message = Payloads.clientMessage();
        messageBytes = message.toByteArray();
        envelope = Payloads.routeEnvelope();
        envelopeBytes = envelope.toByteArray();
        delivery = Payloads.delivery(1);
        deliveryBytes = delivery.toByteArray();
    }

    @Benchmark
    public IMMsgData msgDataParse() throws InvalidProtocolBufferException {
        return IMMsgData.parseFrom(messageBytes);
    }

    /** A fresh message each time (a parsed or built message memoizes its size): what the gateway serializes. */
    @Benchmark
    public byte[] msgDataSerialize() {
        return message.toBuilder().build().toByteArray();
    }

    @Benchmark
    public RouteEnvelope routeEnvelopeParse() throws InvalidProtocolBufferException {
        return RouteEnvelope.parseFrom(envelopeBytes);
    }

    @Benchmark
    public byte[] routeEnvelopeSerialize() {
        return envelope.toBuilder().build().toByteArray();
    }

    @Benchmark
    public Delivery deliveryParse() throws InvalidProtocolBufferException {
        return Delivery.parseFrom(deliveryBytes);
    }

    @Benchmark
    public byte[] deliverySerialize() {
        return delivery.toBuilder().build().toByteArray();
    }
}
