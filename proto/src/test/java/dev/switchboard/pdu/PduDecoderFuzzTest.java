package dev.switchboard.pdu;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of {@link PduDecoder} (Jazzer): arbitrary bytes, cut into arbitrary chunks, through an
 * {@link EmbeddedChannel} with a chosen maximum frame length. The only allowed outcomes are decoded {@link Pdu}s and
 * a {@link FrameException}; anything else thrown is a finding. Beyond "no other exception" it checks what a peer
 * relies on: the decoded PDUs re-encode to exactly the bytes they came from, none is longer than the maximum, and
 * every chunk written is released (the decoder owns them; a chunk still referenced after the channel is finished is a
 * leak, found here deterministically rather than by the paranoid leak detector's sampling after a GC).
 *
 * <p>Input layout (so seeds derive simply from frames, see {@link FuzzSeeds}): byte 0 picks the maximum frame length
 * from {@link #MAX_FRAME_LENGTHS}; the low nibble of byte 1 is the number of cuts, followed by that many big-endian
 * 16-bit cut offsets (taken modulo the stream length); the rest is the byte stream.
 *
 * <p>{@code ./mvnw verify} replays the corpus in {@code PduDecoderFuzzTestInputs/decode} (regression mode) and then
 * fuzzes for {@code fuzz.duration} in a surefire execution of its own (docs/SECURITY.md#fuzzing).
 */
class PduDecoderFuzzTest {

    /** The maximum frame lengths a run can pick: the production default first (so seeds of zeros use it). */
    static final int[] MAX_FRAME_LENGTHS = {PduDecoder.DEFAULT_MAX_FRAME_LENGTH, 16, 17, 64, 1024, 8192};

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int maxFrameLength = MAX_FRAME_LENGTHS[Byte.toUnsignedInt(input[0]) % MAX_FRAME_LENGTHS.length];
        int cuts = input[1] & 0x0F;
        int streamStart = Math.min(input.length, 2 + 2 * cuts);
        byte[] stream = Arrays.copyOfRange(input, streamStart, input.length);
        int[] offsets = new int[cuts + 2];
        for (int i = 0; i < cuts; i++) {
            int at = 2 + 2 * i;
            int offset = at + 1 < input.length ? ((input[at] & 0xFF) << 8) | (input[at + 1] & 0xFF) : 0;
            offsets[i + 1] = offset % (stream.length + 1);
        }
        offsets[cuts + 1] = stream.length;
        Arrays.sort(offsets);

        EmbeddedChannel channel = new EmbeddedChannel(new PduDecoder(maxFrameLength));
        List<ByteBuf> chunks = new ArrayList<>();
        List<Pdu> decoded = new ArrayList<>();
        FrameException rejected = null;
        try {
            for (int i = 0; i + 1 < offsets.length; i++) {
                int length = offsets[i + 1] - offsets[i];
                // a real buffer even when empty (Unpooled.EMPTY_BUFFER has no reference count to check)
                ByteBuf chunk = Unpooled.buffer(length, Math.max(length, 1)).writeBytes(stream, offsets[i], length);
                chunks.add(chunk);
                try {
                    channel.writeInbound(chunk);
                } catch (FrameException e) {
                    assertThat(rejected).as("a second FrameException after the stream was rejected").isNull();
                    rejected = e;
                }
                for (Pdu pdu = channel.readInbound(); pdu != null; pdu = channel.readInbound()) {
                    decoded.add(pdu);
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }

        for (ByteBuf chunk : chunks) {
            assertThat(chunk.refCnt()).as("chunk still referenced after the channel finished (leak)").isZero();
        }
        byte[] reencoded = reencode(decoded);
        assertThat(Arrays.copyOfRange(stream, 0, Math.min(reencoded.length, stream.length)))
                .as("decoded PDUs re-encode to the bytes they came from").isEqualTo(reencoded);
        decoded.forEach(pdu -> assertThat(pdu.length()).isBetween(Pdu.HEADER_LENGTH, maxFrameLength));
        if (rejected == null) {
            int rest = stream.length - reencoded.length;
            if (rest >= 4) {
                long length = ((stream[reencoded.length] & 0xFFL) << 24) | ((stream[reencoded.length + 1] & 0xFF) << 16)
                        | ((stream[reencoded.length + 2] & 0xFF) << 8) | (stream[reencoded.length + 3] & 0xFF);
                assertThat(length).as("an undecoded rest is an incomplete, acceptable frame")
                        .isBetween((long) Pdu.HEADER_LENGTH, (long) maxFrameLength).isGreaterThan(rest);
            }
        } else {
            assertThat(rejected.reason()).isIn(FrameException.REASONS);
        }
    }

    private static byte[] reencode(List<Pdu> pdus) {
        ByteBuf out = Unpooled.buffer();
        try {
            pdus.forEach(pdu -> PduEncoder.write(pdu, out));
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
