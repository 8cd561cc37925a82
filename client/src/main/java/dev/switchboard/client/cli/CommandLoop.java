package dev.switchboard.client.cli;

import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.client.TeamTalkClientException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the user's commands, one per line, until {@code /quit} or the end of input, then completes the exit code
 * with 0. Each command prints exactly one line (or the help text).
 */
final class CommandLoop {

    static final int EXIT_QUIT = 0;

    static final String HELP = """
            /send <userId> <text>  send a text message
            /help                  show this help
            /quit                  log out and exit""";

    private final TeamTalkClient client;
    private final PrintStream out;

    CommandLoop(TeamTalkClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /** Runs until {@code /quit}, the end of input, or an exit decided elsewhere (kick, server close). */
    void run(BufferedReader in, CompletableFuture<Integer> exit) {
        try {
            String line;
            while (!exit.isDone() && (line = in.readLine()) != null) {
                if (!handle(line.strip())) {
                    break;
                }
            }
        } catch (IOException e) {
            out.println("error: cannot read input: " + e.getMessage());
        }
        exit.complete(EXIT_QUIT);
    }

    /** Handles one line; false when the user asked to quit. */
    boolean handle(String line) {
        if (line.isEmpty()) {
            return true;
        }
        if (line.equals("/quit")) {
            return false;
        }
        if (line.equals("/help")) {
            out.println(HELP);
        } else if (line.equals("/send") || line.startsWith("/send ")) {
            send(line);
        } else {
            out.println("error: unknown command: " + line + " (try /help)");
        }
        return true;
    }

    private void send(String line) {
        String[] parts = line.split("\\s+", 3);
        int toUserId = parts.length == 3 ? userId(parts[1]) : 0;
        if (toUserId <= 0) {
            out.println("error: usage: /send <userId> <text>");
            return;
        }
        try {
            IMMsgDataAck ack = client.sendText(toUserId, parts[2]);
            out.println("-> " + toUserId + ": msg_id " + ack.getMsgId());
        } catch (TeamTalkClientException e) {
            out.println("error: " + e.getMessage());
        }
    }

    private static int userId(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
