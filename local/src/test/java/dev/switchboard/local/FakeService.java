package dev.switchboard.local;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for a real service in launcher tests (packed into a fake {@code *-exec.jar} by {@link FakeJars}): honours
 * the same arguments and readiness signals. A gateway opens its TCP port, presence-service answers {@code GET
 * /actuator/health/readiness} with UP and {@code GET /msg_server} with code 0, route-service prints Spring Boot's
 * "Started" line; then it runs until killed.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("fake service args=" + String.join(" ", args));
        String gatewayPort = option(args, "--switchboard.gateway.port");
        String httpPort = option(args, "--server.port");
        if (gatewayPort != null) {
            listen(Integer.parseInt(gatewayPort));
        } else if (httpPort != null) {
            serveLogin(Integer.parseInt(httpPort));
        }
        System.out.println("Started FakeApplication in 0.1 seconds");
        new CountDownLatch(1).await();
    }

    private static String option(String[] args, String name) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void listen(int port) throws Exception {
        ServerSocket server = new ServerSocket(port);
        Thread acceptor = new Thread(() -> {
            while (true) {
                try (Socket ignored = server.accept()) {
                    // a gateway that hangs up on everyone: enough for a readiness check
                } catch (Exception e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void serveLogin(int port) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        answer(server, "/actuator/health/readiness", "{\"status\":\"UP\"}");
        answer(server, "/msg_server", "{\n   \"code\" : 0,\n   \"msg\" : \"\"\n}\n");
        server.start();
    }

    private static void answer(HttpServer server, String path, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }
}
