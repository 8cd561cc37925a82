package dev.switchboard.gateway;

import dev.switchboard.pdu.Pdu;
import dev.switchboard.pdu.PduDecoder;
import dev.switchboard.pdu.PduEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * A TeamTalk client reduced to bytes: writes frames exactly as given (golden frames byte for byte) and decodes what
 * the gateway answers with the production {@link PduDecoder}. A reader thread collects every PDU received.
 */
public final class RawClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Socket socket;
    private final OutputStream out;
    private final List<Pdu> received = new CopyOnWriteArrayList<>();
    private volatile boolean closedByPeer;

    private RawClient(Socket socket, boolean reading) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        if (reading) {
            startReading();
        }
    }

    public static RawClient connect(int port) {
        try {
            return new RawClient(new Socket("127.0.0.1", port), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client over a socket that is connected already (a TLS socket, say). */
    public static RawClient over(Socket socket) {
        try {
            return new RawClient(socket, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A client that reads nothing until {@link #startReading()}, with a receive buffer of about
     * {@code receiveBufferBytes}: a slow consumer.
     */
    public static RawClient connectNotReading(int port, int receiveBufferBytes) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(receiveBufferBytes);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            return new RawClient(socket, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the reader thread (once). */
    public void startReading() {
        Thread reader = new Thread(this::read, "raw-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes the bytes as they are. */
    public void send(byte[] frame) {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a PDU encoded by the production encoder. */
    public void send(Pdu pdu) {
        send(frame(pdu));
    }

    /** The frame bytes of a PDU, as the production encoder writes them. */
    public static byte[] frame(Pdu pdu) {
        ByteBuf buffer = Unpooled.buffer(pdu.length());
        try {
            PduEncoder.write(pdu, buffer);
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    /** The first PDU received with this command id and seq, waiting for it up to 10 seconds. */
    public Pdu await(int commandId, int seq) {
        return await(pdu -> pdu.commandId() == commandId && pdu.seq() == seq);
    }

    public Pdu await(Predicate<Pdu> wanted) {
        return Awaitility.await().atMost(WAIT).until(() -> find(wanted), Optional::isPresent).orElseThrow();
    }

    /** Asserts that no PDU matching {@code unwanted} arrives for the given time. */
    public void assertNothingFor(Duration quiet, Predicate<Pdu> unwanted) {
        Awaitility.await().during(quiet).atMost(quiet.plusSeconds(1)).until(() -> find(unwanted).isEmpty());
    }

    public Optional<Pdu> find(Predicate<Pdu> wanted) {
        return received.stream().filter(wanted).findFirst();
    }

    /** Every PDU received so far that matches. */
    public List<Pdu> all(Predicate<Pdu> wanted) {
        return received.stream().filter(wanted).toList();
    }

    public boolean closedByPeer() {
        return closedByPeer;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        EmbeddedChannel decoder = new EmbeddedChannel(new PduDecoder());
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            byte[] chunk = new byte[8192];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                decoder.writeInbound(Unpooled.copiedBuffer(chunk, 0, n)); // the decoder releases what it is given
                for (Pdu pdu = decoder.readInbound(); pdu != null; pdu = decoder.readInbound()) {
                    received.add(pdu);
                }
            }
            closedByPeer = true;
        } catch (IOException e) {
            closedByPeer = !socket.isClosed();
        } finally {
            decoder.finishAndReleaseAll();
        }
    }
}
