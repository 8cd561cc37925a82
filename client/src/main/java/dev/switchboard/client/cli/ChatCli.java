package dev.switchboard.client.cli;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_LOGINOUT_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_LOGIN_VALUE;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import com.mogujie.tt.protobuf.IMLogin.IMLogoutReq;
import dev.switchboard.client.MsgServerAddress;
import dev.switchboard.client.MsgServerLocator;
import dev.switchboard.client.MsgServerUnavailableException;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.client.TeamTalkClientException;
import dev.switchboard.client.TlsTrust;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The terminal client: logs in, then reads commands from stdin and prints events to stdout, one line each, so a
 * script can drive it. Usage and exit codes: {@link CliOptions#USAGE}. Output is UTF-8 whatever the platform
 * default; logs (warnings only) go to stderr.
 */
public final class ChatCli {

    static final int EXIT_ERROR = 1;
    static final int EXIT_SERVER_CLOSED = 2;

    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    private static final Duration LOGOUT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration LOCATE_TIMEOUT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;

    ChatCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // before anything touches SLF4J: the CLI's own config, not a logback.xml that would leak into library users
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "chat-cli-logback.xml");
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(new ChatCli(out, err).run(args, in));
    }

    /** Runs a whole session and returns the exit code. */
    int run(String[] args, BufferedReader in) {
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(CliOptions.USAGE);
            return EXIT_ERROR;
        }
        if (options.help()) {
            out.println(CliOptions.USAGE);
            return 0;
        }
        try {
            InetSocketAddress gateway = gateway(options);
            try (TeamTalkClient client = TeamTalkClient.connect(gateway.getHostString(), gateway.getPort(),
                    TeamTalkClient.DEFAULT_TIMEOUT, tls(options))) {
                return session(client, options, gateway, in);
            }
        } catch (IOException | TeamTalkClientException e) {
            err.println("error: " + e.getMessage());
            return EXIT_ERROR;
        }
    }

    /** What TLS connections trust; null for plain TCP. */
    private static TlsTrust tls(CliOptions options) {
        if (!options.tls()) {
            return null;
        }
        if (options.tlsInsecure()) {
            return TlsTrust.insecure();
        }
        return options.tlsTrust().map(TlsTrust::pem).orElseGet(TlsTrust::system);
    }

    private int session(TeamTalkClient client, CliOptions options, InetSocketAddress gateway, BufferedReader in) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        IncomingPrinter printer = new IncomingPrinter(out, client::userId, exit);
        client.onIncoming(printer);
        if (!login(client, options, gateway)) {
            return EXIT_ERROR;
        }
        printer.start();
        client.closed().thenRun(() -> {
            if (exit.complete(EXIT_SERVER_CLOSED)) {
                out.println("connection closed by server");
            }
        });
        client.startHeartbeats(HEARTBEAT_INTERVAL);
        Thread reader = new Thread(() -> new CommandLoop(client, out).run(in, exit), "chat-cli-input");
        reader.setDaemon(true);
        reader.start();
        int code = exit.join();
        if (code == CommandLoop.EXIT_QUIT) {
            logout(client);
        }
        return code;
    }

    private boolean login(TeamTalkClient client, CliOptions options, InetSocketAddress gateway) {
        ClientType type = options.mobile() ? ClientType.CLIENT_TYPE_ANDROID : ClientType.CLIENT_TYPE_WINDOWS;
        IMLoginRes response = client.login(options.user(), options.password(), type);
        ResultType result = response.getResultCode();
        if (result != ResultType.REFUSE_REASON_NONE) {
            err.println("login failed: result_code=%d (%s) %s"
                    .formatted(result.getNumber(), result.name(), response.getResultString()).strip());
            return false;
        }
        out.println("logged in as %s (id %d) on %s:%d"
                .formatted(options.user(), client.userId(), gateway.getHostString(), gateway.getPort()));
        return true;
    }

    /** Sends IMLogoutReq and waits briefly for IMLogoutRsp; TeamTalk then closes the connection. */
    private void logout(TeamTalkClient client) {
        if (!client.isOpen()) {
            return;
        }
        try {
            client.request(SID_LOGIN_VALUE, CID_LOGIN_REQ_LOGINOUT_VALUE, IMLogoutReq.getDefaultInstance())
                    .get(LOGOUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            out.println("logged out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            out.println("logged out (no answer from server)");
        }
    }

    private static InetSocketAddress gateway(CliOptions options) throws IOException {
        if (options.loginUrl().isEmpty()) {
            return InetSocketAddress.createUnresolved(options.host(), options.port());
        }
        MsgServerLocator locator = new MsgServerLocator(options.loginUrl().get(), LOCATE_TIMEOUT);
        try {
            MsgServerAddress address = locator.locate();
            return InetSocketAddress.createUnresolved(address.priorIp(), address.port());
        } catch (MsgServerUnavailableException e) {
            throw e;
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException("cannot ask login server " + locator.uri() + ": " + reason, e);
        }
    }
}
