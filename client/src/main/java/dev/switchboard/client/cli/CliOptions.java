package dev.switchboard.client.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The terminal client's command line, with every default in one place.
 *
 * @param user      TeamTalk user name to log in as (required)
 * @param password  plain password; default {@code 123456}, the password of TeamTalk's sample users
 * @param host      gateway host; default {@code 127.0.0.1}
 * @param port      gateway port; default {@code 8000}, TeamTalk msg_server's
 * @param loginUrl  when present, login_server to ask for the gateway; {@code host} and {@code port} are then ignored
 * @param mobile    log in as an Android client (0x12) instead of Windows (0x01)
 * @param help      only print the usage
 * @param tls       connect over TLS (the gateway has {@code switchboard.gateway.tls.enabled})
 * @param tlsTrust  PEM certificates to trust (a private CA or the gateway's own); empty: the JDK's trust store
 * @param tlsInsecure trust any certificate for any host (tests only: encrypts but does not authenticate)
 */
record CliOptions(String user, String password, String host, int port, Optional<URI> loginUrl, boolean mobile,
                  boolean help, boolean tls, Optional<Path> tlsTrust, boolean tlsInsecure) {

    static final String USAGE = """
            usage: ChatCli <user> [--password P] [--host H] [--port N] [--login-url URL] [--mobile]
                           [--tls [--tls-trust PEM | --tls-insecure]]
              <user>           TeamTalk user name to log in as
              --password P     plain password, sent as its md5 hex (default 123456)
              --host H         gateway host (default 127.0.0.1)
              --port N         gateway port (default 8000)
              --login-url URL  ask this login_server for the gateway instead of --host/--port,
                               e.g. http://127.0.0.1:8080 (/msg_server is appended)
              --mobile         log in as an Android client instead of a Windows one
              --tls            connect over TLS, trusting the JDK's CAs; the certificate must name the host
              --tls-trust PEM  connect over TLS, trusting the certificates in this PEM file (a private CA
                               or the gateway's own certificate)
              --tls-insecure   connect over TLS, trusting any certificate (testing only: not authenticated)
            commands, one per line on stdin:
              /send <userId> <text>  send a text message; prints "-> <userId>: msg_id <n>" once acked
              /help                  show the commands
              /quit                  log out and exit (end of input does the same)
            output, one event per line on stdout:
              "<- <userId>: <text> (msg_id <n>)" for each message received,
              "kicked: ..." and "connection closed by server" end the session; startup errors go to stderr
            exit codes: 0 after /quit, 1 startup or login error, 2 server closed the connection, 3 kicked""";

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a one-line reason when they are wrong. */
    static CliOptions parse(String... args) {
        Builder builder = new Builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--password" -> builder.password = value(args, ++i, arg);
                case "--host" -> builder.host = value(args, ++i, arg);
                case "--port" -> builder.port = port(value(args, ++i, arg));
                case "--login-url" -> builder.loginUrl = Optional.of(url(value(args, ++i, arg)));
                case "--mobile" -> builder.mobile = true;
                case "--tls" -> builder.tls = true;
                case "--tls-trust" -> builder.tlsTrust = Optional.of(Path.of(value(args, ++i, arg)));
                case "--tls-insecure" -> builder.tlsInsecure = true;
                case "--help", "-h" -> builder.help = true;
                default -> builder.user(arg);
            }
        }
        return builder.build();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port <= 0xFFFF) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--port: " + value + " (expected: 1..65535)");
    }

    private static URI url(String value) {
        try {
            URI uri = URI.create(value);
            if ("http".equals(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--login-url: " + value + " (expected: http://host:port)");
    }

    private static final class Builder {
        private String user;
        private String password = "123456";
        private String host = "127.0.0.1";
        private int port = 8000;
        private Optional<URI> loginUrl = Optional.empty();
        private boolean mobile;
        private boolean help;
        private boolean tls;
        private Optional<Path> tlsTrust = Optional.empty();
        private boolean tlsInsecure;

        void user(String arg) {
            if (arg.startsWith("-")) {
                throw new IllegalArgumentException("unknown option: " + arg);
            }
            if (user != null) {
                throw new IllegalArgumentException("more than one user: " + user + ", " + arg);
            }
            user = arg;
        }

        CliOptions build() {
            if (user == null && !help) {
                throw new IllegalArgumentException("missing <user>");
            }
            if (tlsTrust.isPresent() && tlsInsecure) {
                throw new IllegalArgumentException("--tls-trust and --tls-insecure exclude each other");
            }
            return new CliOptions(user, password, host, port, loginUrl, mobile, help,
                    tls || tlsTrust.isPresent() || tlsInsecure, tlsTrust, tlsInsecure);
        }
    }
}
