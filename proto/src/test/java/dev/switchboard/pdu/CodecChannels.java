package dev.switchboard.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Runs the codec through {@link EmbeddedChannel}s and releases every buffer it touches. */
final class CodecChannels {

    private CodecChannels() {
    }

    /** A buffer holding the bytes written as hex, spaces allowed: {@code "00 00 00 10 ..."}. */
    static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    /** Decodes the chunks, written one after the other, into every PDU they contain. */
    static List<Pdu> decode(byte[]... chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(new PduDecoder());
        try {
            for (byte[] chunk : chunks) {
                channel.writeInbound(Unpooled.wrappedBuffer(chunk)); // the decoder now owns and releases the chunk
            }
            List<Pdu> pdus = new ArrayList<>();
            for (Pdu pdu = channel.readInbound(); pdu != null; pdu = channel.readInbound()) {
                pdus.add(pdu);
            }
            return pdus;
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Decodes one complete frame. */
    static Pdu decodeOne(byte[] frame) {
        List<Pdu> pdus = decode(frame);
        if (pdus.size() != 1) {
            throw new AssertionError("expected one PDU, decoded " + pdus.size());
        }
        return pdus.get(0);
    }

    /** The bytes {@link PduEncoder} writes for {@code pdu}. */
    static byte[] encode(Pdu pdu) {
        EmbeddedChannel channel = new EmbeddedChannel(PduEncoder.INSTANCE);
        try {
            channel.writeOutbound(pdu);
            ByteBuf out = channel.readOutbound();
            try {
                return ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
