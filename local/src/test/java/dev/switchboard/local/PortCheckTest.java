package dev.switchboard.local;

import dev.switchboard.embedded.FreePorts;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortCheckTest {

    @Test
    void acceptsFreePorts() {
        assertThatCode(() -> PortCheck.requireFree(Map.of("gw-0", FreePorts.next(), "gw-1", FreePorts.next())))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAPortSomeoneListensOnAtLoopback() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("gw-0 (--gateway-port)", FreePorts.next());
            ports.put("login http (--http-port)", taken.getLocalPort());

            assertThat(PortCheck.isFree(taken.getLocalPort())).isFalse();
            assertThatThrownBy(() -> PortCheck.requireFree(ports))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("port already in use: " + taken.getLocalPort()
                            + " for login http (--http-port); stop whatever listens there")
                    .hasMessageNotContaining("gw-0");
        }
    }

    @Test
    void rejectsAPortSomeoneListensOnAtEveryAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));

            assertThat(PortCheck.isFree(taken.getLocalPort())).isFalse();
        }
    }

    @Test
    void namesEveryTakenPort() throws Exception {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("gw-0", first.getLocalPort());
            ports.put("gw-1", second.getLocalPort());

            assertThatThrownBy(() -> PortCheck.requireFree(ports))
                    .hasMessageContaining(first.getLocalPort() + " for gw-0, " + second.getLocalPort() + " for gw-1");
        }
    }

    @Test
    void aPortIsFreeAgainOnceItsListenerCloses() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0)) {
            port = taken.getLocalPort();
        }

        assertThat(PortCheck.isFree(port)).isTrue();
    }
}
