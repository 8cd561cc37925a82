package dev.switchboard.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** Finds a loopback TCP port that is free right now. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A base port {@code p} such that {@code p + offset + i} is free for every {@code i < count} and every offset
     * (0 always included), e.g. {@code base(2, 1000)} for two gateways and their metrics ports (client port + 1000).
     * Chosen below Linux's ephemeral range (32768..), so no outgoing connection takes one of them between this check
     * and the server's bind: {@link #next()}'s ports are ephemeral, and a neighbour of one may be in use.
     */
    public static int base(int count, int... offsets) {
        int highest = 0;
        for (int offset : offsets) {
            highest = Math.max(highest, offset);
        }
        int span = 32_000 - highest - count - 20_000;
        for (int tries = 0; tries < 500; tries++) {
            int candidate = 20_000 + ThreadLocalRandom.current().nextInt(span);
            if (allFree(candidate, count) && Arrays.stream(offsets).allMatch(o -> allFree(candidate + o, count))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free ports for " + count + " services at offsets 0 and "
                + Arrays.toString(offsets));
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** A port nobody listens on at the moment of the call. */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
