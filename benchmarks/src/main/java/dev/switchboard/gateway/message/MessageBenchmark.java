package dev.switchboard.gateway.message;

import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.benchmarks.Payloads;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * A gateway's CPU work on a client's message before Redis and Kafka: the two {@link SendDigest}s {@code
 * MessagePublisher} computes for a message with a create_time (resend on the connection, resend from anywhere), and
 * the route record it publishes ({@code MessagePublisher.routeRecord}: stamp the message, build the envelope,
 * serialize, make the record).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
public class MessageBenchmark {

    private IMMsgData message;

    @Setup
    public void setUp() {
        message = Payloads.clientMessage();
    }

    /** Both digests of one message. */
    @Benchmark
    public void sendDigests(Blackhole blackhole) {
        SendDigest digests = SendDigest.of(message);
        blackhole.consume(digests.conversationAndContent());
        blackhole.consume(digests.createTimeAndContent());
    }

    @Benchmark
    public ProducerRecord<String, byte[]> routeEnvelope() {
        return MessagePublisher.routeRecord("gw-0", Payloads.FROM, Payloads.CONNECTION_BASE | 1, message,
                SessionType.SESSION_TYPE_SINGLE, Payloads.MSG_ID);
    }
}
