package dev.switchboard.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/** How the launcher knows a service is ready; polled until it says so or the startup deadline passes. */
interface ReadinessProbe {

    int CONNECT_TIMEOUT_MILLIS = 1_000;

    boolean isReady(ServiceProcess service);

    /** What the probe waits for, for the timeout message: "tcp port 8000 to accept connections". */
    String description();

    /** Ready once {@code 127.0.0.1:port} accepts a TCP connection (gateways). */
    static ReadinessProbe tcp(int port) {
        return new Tcp(port);
    }

    /** Ready once {@code GET uri} answers 200 with a body matching {@code body} (presence-service). */
    static ReadinessProbe http(URI uri, Pattern body) {
        return new Http(uri, body);
    }

    /** Ready once the service's log contains {@code text} (route-service: Spring Boot's "Started ..."). */
    static ReadinessProbe logContains(String text) {
        return new LogContains(text);
    }

    /** Ready once every one of {@code probes} is, each asked in order until one says no. */
    static ReadinessProbe allOf(ReadinessProbe... probes) {
        return new AllOf(List.of(probes));
    }

    record AllOf(List<ReadinessProbe> probes) implements ReadinessProbe {

        @Override
        public boolean isReady(ServiceProcess service) {
            return probes.stream().allMatch(probe -> probe.isReady(service));
        }

        @Override
        public String description() {
            return probes.stream().map(ReadinessProbe::description).collect(Collectors.joining(" and "));
        }
    }

    record Tcp(int port) implements ReadinessProbe {

        @Override
        public boolean isReady(ServiceProcess service) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String description() {
            return "tcp port " + port + " to accept connections";
        }
    }

    record Http(URI uri, Pattern body) implements ReadinessProbe {

        @Override
        public boolean isReady(ServiceProcess service) {
            HttpURLConnection connection = null;
            try {
                connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
                connection.setReadTimeout(2 * CONNECT_TIMEOUT_MILLIS);
                if (connection.getResponseCode() != 200) {
                    return false;
                }
                try (InputStream in = connection.getInputStream()) {
                    return body.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).find();
                }
            } catch (IOException e) {
                return false;
            } finally {
                if (connection != null) {
                    connection.disconnect();
                }
            }
        }

        @Override
        public String description() {
            return "GET " + uri + " to answer 200 with a body matching " + body.pattern();
        }
    }

    record LogContains(String text) implements ReadinessProbe {

        @Override
        public boolean isReady(ServiceProcess service) {
            return service.logContains(text);
        }

        @Override
        public String description() {
            return "its log to contain \"" + text + "\"";
        }
    }
}
