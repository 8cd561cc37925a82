package dev.switchboard.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Decodes TeamTalk frames into {@link Pdu}s.
 *
 * <pre>
 * offset  0        4        6      8           10          12    14        16
 *         +--------+--------+------+-----------+-----------+-----+---------+----------------+
 *         | length | version| flag | serviceId | commandId | seq | reserved| body ...       |
 *         | uint32 | uint16 |uint16| uint16    | uint16    |u16  | uint16  | length-16 bytes|
 *         +--------+--------+------+-----------+-----------+-----+---------+----------------+
 * </pre>
 * All fields are big-endian; {@code length} counts the whole frame, header included.
 *
 * <p>A length under 16 or over {@code maxFrameLength} raises a {@link FrameException}: the stream can no longer be
 * trusted, so the decoder discards everything after it and the pipeline's exception handler closes the connection.
 * The frame's bytes are copied into the {@link Pdu}; the cumulation buffer is owned and released by
 * {@link ByteToMessageDecoder}.
 */
public final class PduDecoder extends ByteToMessageDecoder {

    /** Default maximum frame length: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1024 * 1024;

    private final int maxFrameLength;
    private boolean failed;

    public PduDecoder() {
        this(DEFAULT_MAX_FRAME_LENGTH);
    }

    public PduDecoder(int maxFrameLength) {
        if (maxFrameLength < Pdu.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength: " + maxFrameLength + " (expected: >= 16)");
        }
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length < Pdu.HEADER_LENGTH) {
                fail(in);
                throw new FrameException(FrameException.TOO_SHORT, "length: " + length + " (expected: >= 16)");
            }
            if (length > maxFrameLength) {
                fail(in);
                throw new FrameException(FrameException.TOO_LONG, "length: " + length + " (expected: <= " + maxFrameLength + ")");
            }
            if (in.readableBytes() < length) {
                return;
            }
            out.add(readPdu(in, (int) length));
        }
    }

    private void fail(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
    }

    private static Pdu readPdu(ByteBuf in, int length) {
        in.skipBytes(4);
        int version = in.readUnsignedShort();
        int flag = in.readUnsignedShort();
        int serviceId = in.readUnsignedShort();
        int commandId = in.readUnsignedShort();
        int seq = in.readUnsignedShort();
        int reserved = in.readUnsignedShort();
        byte[] body = new byte[length - Pdu.HEADER_LENGTH];
        in.readBytes(body);
        return new Pdu(version, flag, serviceId, commandId, seq, reserved, body);
    }
}
