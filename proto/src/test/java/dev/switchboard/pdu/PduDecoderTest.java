package dev.switchboard.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static dev.switchboard.pdu.CodecChannels.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PduDecoderTest {

    /** A heartbeat as TeamTalk's server writes it: length 16, version 1, sid 7, cid 0x0701, empty body. */
    static final String HEARTBEAT = "00 00 00 10 00 01 00 00 00 07 07 01 00 00 00 00";

    /** A client's IMMsgDataAck frame: version 6 (Android), sid 3, cid 0x0302, seq 0x215e, 8-byte body. */
    static final String MSG_DATA_ACK = "00 00 00 18 00 06 00 00 00 03 03 02 21 5e 00 00 08 0b 10 0c 18 01 20 01";

    private final EmbeddedChannel channel = new EmbeddedChannel(new PduDecoder(64));

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void decodesWholeFrameIntoHeaderFieldsAndBody() {
        channel.writeInbound(hex(MSG_DATA_ACK));

        Pdu pdu = channel.readInbound();
        assertThat(pdu.version()).isEqualTo(6);
        assertThat(pdu.flag()).isZero();
        assertThat(pdu.serviceId()).isEqualTo(3);
        assertThat(pdu.commandId()).isEqualTo(0x0302);
        assertThat(pdu.seq()).isEqualTo(0x215e);
        assertThat(pdu.reserved()).isZero();
        assertThat(pdu.body()).isEqualTo(HexFormat.of().parseHex("080b100c18012001"));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void decodesFrameArrivingOneByteAtATime() {
        ByteBuf frame = hex(MSG_DATA_ACK);
        try {
            for (int i = 0; i < frame.readableBytes() - 1; i++) {
                channel.writeInbound(frame.retainedSlice(i, 1));
                assertThat((Object) channel.readInbound()).as("after %d bytes", i + 1).isNull();
            }
            channel.writeInbound(frame.retainedSlice(frame.readableBytes() - 1, 1));
        } finally {
            frame.release();
        }

        Pdu pdu = channel.readInbound();
        assertThat(pdu.commandId()).isEqualTo(0x0302);
        assertThat(pdu.body()).hasSize(8);
    }

    @Test
    void decodesTwoFramesFromOneBuffer() {
        channel.writeInbound(hex(MSG_DATA_ACK + HEARTBEAT));

        Pdu first = channel.readInbound();
        Pdu second = channel.readInbound();
        assertThat(first.commandId()).isEqualTo(0x0302);
        assertThat(second.commandId()).isEqualTo(0x0701);
        assertThat(second.body()).isEmpty();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void decodesHeartbeatWithEmptyBody() {
        channel.writeInbound(hex(HEARTBEAT));

        Pdu pdu = channel.readInbound();
        assertThat(pdu.length()).isEqualTo(16);
        assertThat(pdu.version()).isEqualTo(1);
        assertThat(pdu.serviceId()).isEqualTo(7);
        assertThat(pdu.commandId()).isEqualTo(0x0701);
        assertThat(pdu.seq()).isZero();
        assertThat(pdu.body()).isEmpty();
    }

    @Test
    void rejectsFrameShorterThanHeader() {
        assertThatThrownBy(() -> channel.writeInbound(hex("00 00 00 09 00 01 00 00 00 07 07 01 00 00 00 00")))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo("too_short"))
                .hasMessage("length: 9 (expected: >= 16)");
    }

    @Test
    void rejectsZeroLengthAsTooShortAsSoonAsTheLengthFieldArrives() {
        assertThatThrownBy(() -> channel.writeInbound(hex("00 00 00 00")))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo("too_short"))
                .hasMessage("length: 0 (expected: >= 16)");
    }

    @Test
    void rejectsFrameLongerThanMaximumBeforeItsBodyArrives() {
        assertThatThrownBy(() -> channel.writeInbound(hex("00 00 00 41 00 01")))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo("too_long"))
                .hasMessage("length: 65 (expected: <= 64)");
    }

    @Test
    void rejectsHostileFourGigabyteLengthAsUnsignedTooLong() {
        assertThatThrownBy(() -> channel.writeInbound(hex("ff ff ff ff 00 01 00 00")))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo("too_long"))
                .hasMessage("length: 4294967295 (expected: <= 64)");
    }

    @Test
    void decodesNothingMoreAfterTooLongFrameBecauseTheConnectionIsToBeClosed() {
        assertThatThrownBy(() -> channel.writeInbound(hex("00 00 01 00 00 01 00 00 00 07 07 01" + HEARTBEAT)))
                .isInstanceOf(FrameException.class);

        channel.writeInbound(hex(HEARTBEAT));
        channel.writeInbound(hex(MSG_DATA_ACK));

        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void tooLongFrameReachesTheExceptionHandlerWhichClosesTheConnection() {
        CloseOnException closer = new CloseOnException();
        EmbeddedChannel session = new EmbeddedChannel(new PduDecoder(64), closer);
        try {
            session.writeInbound(hex("00 00 01 00 00 01 00 00 00 07 07 01" + HEARTBEAT));

            assertThat(closer.cause).isInstanceOfSatisfying(FrameException.class,
                    e -> assertThat(e.reason()).isEqualTo("too_long"));
            assertThat(session.isOpen()).isFalse();
            assertThat((Object) session.readInbound()).isNull();
        } finally {
            session.finishAndReleaseAll();
        }
    }

    @Test
    void rejectsMaximumFrameLengthSmallerThanHeader() {
        assertThatThrownBy(() -> new PduDecoder(15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFrameLength: 15 (expected: >= 16)");
    }

    @Test
    void acceptsFrameOfExactlyMaximumLength() {
        ByteBuf frame = Unpooled.buffer(64);
        PduEncoder.write(Pdu.of(3, 0x0301, 1, new byte[48]), frame);
        channel.writeInbound(frame);

        Pdu pdu = channel.readInbound();
        assertThat(pdu.length()).isEqualTo(64);
    }

    /** Stands in for the pipeline's last handler: on any exception it closes the connection, as the gateway does. */
    private static final class CloseOnException extends ChannelInboundHandlerAdapter {

        private Throwable cause;

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            this.cause = cause;
            ctx.close();
        }
    }
}
