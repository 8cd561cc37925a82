package dev.switchboard.gateway.fuzz;

import dev.switchboard.pdu.Pdu;
import dev.switchboard.pdu.PduEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A blocking TeamTalk client for fuzzing: writes frames and reads the gateway's answers on the calling thread, keeping
 * nothing it was not asked for (a fuzzing run sends millions of frames; {@code RawClient} keeps every PDU it
 * receives). Closes with a reset (linger 0) so a run of short connections leaves no TIME_WAIT behind.
 */
final class FrameClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private boolean closedByPeer;

    FrameClient(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoLinger(true, 0);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame bytes of PDUs, one after the other, as the production encoder writes them. */
    static byte[] frames(Pdu... pdus) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            for (Pdu pdu : pdus) {
                PduEncoder.write(pdu, buffer);
            }
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    /** Writes the bytes; false when the gateway had already closed the connection. */
    boolean send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            closedByPeer = true;
            return false;
        }
    }

    /**
     * Reads PDUs until one matches, the gateway closes the connection (empty) or {@code timeout} passes (an
     * {@link AssertionError}: the gateway neither answered nor closed).
     */
    Optional<Pdu> readUntil(Predicate<Pdu> wanted, Duration timeout) {
        return readUntil(wanted, null, timeout);
    }

    /**
     * Like {@link #readUntil(Predicate, Duration)}, and also stops (empty) as soon as {@code done} holds, checked
     * every few milliseconds: for an outcome that is not a PDU, such as a counted metric.
     */
    Optional<Pdu> readUntil(Predicate<Pdu> wanted, BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closedByPeer) {
            if (done != null && done.getAsBoolean()) {
                return Optional.empty();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no answer and no close within " + timeout);
            }
            long slice = done == null ? left / 1_000_000 : Math.min(5, left / 1_000_000);
            Pdu pdu = read((int) Math.max(1, slice));
            if (pdu != null && wanted.test(pdu)) {
                return Optional.of(pdu);
            }
        }
        return Optional.empty();
    }

    /** Whether the gateway closed the connection (seen by a read or a write). */
    boolean closedByPeer() {
        return closedByPeer;
    }

    /** One PDU, or null when the connection closed; throws when nothing came within the timeout. */
    private Pdu read(int timeoutMillis) {
        try {
            socket.setSoTimeout(timeoutMillis);
            int length = in.readInt();
            socket.setSoTimeout(10_000); // the rest of a frame that has begun: never give up halfway through it
            byte[] header = new byte[Pdu.HEADER_LENGTH - 4];
            in.readFully(header);
            byte[] body = new byte[length - Pdu.HEADER_LENGTH];
            in.readFully(body);
            return new Pdu(u16(header, 0), u16(header, 2), u16(header, 4), u16(header, 6), u16(header, 8),
                    u16(header, 10), body);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (EOFException | SocketException e) {
            closedByPeer = true;
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int u16(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
