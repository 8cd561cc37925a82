package dev.switchboard.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Encodes a {@link Pdu} as a TeamTalk frame (layout in {@link PduDecoder}). Stateless, so one instance serves every
 * connection. The output buffer is allocated and released by {@link MessageToByteEncoder}'s write path.
 */
@Sharable
public final class PduEncoder extends MessageToByteEncoder<Pdu> {

    public static final PduEncoder INSTANCE = new PduEncoder();

    private PduEncoder() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Pdu pdu, ByteBuf out) {
        write(pdu, out);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Pdu pdu, boolean preferDirect) {
        return preferDirect ? ctx.alloc().ioBuffer(pdu.length()) : ctx.alloc().heapBuffer(pdu.length());
    }

    /** Writes the frame for {@code pdu} into {@code out}. */
    public static void write(Pdu pdu, ByteBuf out) {
        out.writeInt(pdu.length());
        out.writeShort(pdu.version());
        out.writeShort(pdu.flag());
        out.writeShort(pdu.serviceId());
        out.writeShort(pdu.commandId());
        out.writeShort(pdu.seq());
        out.writeShort(pdu.reserved());
        out.writeBytes(pdu.body());
    }
}
