package dev.switchboard.pdu;

import dev.switchboard.benchmarks.Payloads;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The TeamTalk frame codec as a gateway runs it: {@link PduDecoder} in a channel pipeline reading a client's
 * IMMsgData frames (one frame per read, and 64 frames arriving in one read), and {@link PduEncoder} writing a frame
 * into a pooled direct buffer, as its {@code allocateBuffer} does for a socket: from Netty's default allocator (4.2:
 * the adaptive pooling allocator), which the gateway's channels use since it configures none.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
public class CodecBenchmark {

    private static final int BATCH = 64;

    private Pdu pdu;
    private ByteBuf oneFrame;
    private ByteBuf batchOfFrames;
    private EmbeddedChannel decoding;

    @Setup
    public void setUp(Blackhole blackhole) {
        pdu = Payloads.clientFrame(7);
        oneFrame = Unpooled.directBuffer(pdu.length());
        PduEncoder.write(pdu, oneFrame);
        batchOfFrames = Unpooled.directBuffer(pdu.length() * BATCH);
        for (int i = 0; i < BATCH; i++) {
            PduEncoder.write(pdu.withSeq(i + 1), batchOfFrames);
        }
        decoding = new EmbeddedChannel(new PduDecoder());
        if (decode(oneFrame, blackhole) != 1
                || decode(batchOfFrames, blackhole) != BATCH) {
            throw new IllegalStateException("expected every frame decoded");
        }
    }

    @TearDown
    public void tearDown() {
        decoding.finishAndReleaseAll();
        oneFrame.release();
        batchOfFrames.release();
    }

    /** One read holding one IMMsgData frame ({@link Payloads#clientFrame}). */
    @Benchmark
    public int decodeOneFrame(Blackhole blackhole) {
        return decode(oneFrame, blackhole);
    }

    /** One read holding 64 frames; the figure is per frame. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decode64FramesPerRead(Blackhole blackhole) {
        return decode(batchOfFrames, blackhole);
    }

    /** One frame into a pooled direct buffer of its exact length, then released (the socket write's part). */
    @Benchmark
    public int encodeOneFrame() {
        ByteBuf out = ByteBufAllocator.DEFAULT.ioBuffer(pdu.length());
        try {
            PduEncoder.write(pdu, out);
            return out.writerIndex();
        } finally {
            out.release();
        }
    }

    /** Returns the frames decoded. */
    private int decode(ByteBuf frames, Blackhole blackhole) {
        decoding.writeInbound(frames.retainedDuplicate());
        int count = 0;
        Object decoded;
        while ((decoded = decoding.readInbound()) != null) {
            blackhole.consume(decoded);
            count++;
        }
        return count;
    }
}
