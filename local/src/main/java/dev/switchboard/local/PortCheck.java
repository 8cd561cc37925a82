package dev.switchboard.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/** Checks, before anything starts, that the ports the services will listen on are free. */
final class PortCheck {

    private PortCheck() {
    }

    /**
     * @param ports port by what will use it, e.g. {@code "gw-0 (--gateway-port)" -> 8000}
     * @throws StartupException listing every taken port
     */
    static void requireFree(Map<String, Integer> ports) {
        List<String> taken = ports.entrySet().stream()
                .filter(entry -> !isFree(entry.getValue()))
                .map(entry -> entry.getValue() + " for " + entry.getKey())
                .toList();
        if (!taken.isEmpty()) {
            throw new StartupException("port already in use: " + String.join(", ", taken)
                    + "; stop whatever listens there (another ./switchboard local?) or choose other ports (see --help)");
        }
    }

    /** True if nothing listens on {@code port}, on any local address. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // like the services (Netty, Tomcat): a TIME_WAIT leftover does not make the port taken, a listener does
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
