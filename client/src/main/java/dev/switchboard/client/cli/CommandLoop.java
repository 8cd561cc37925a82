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
            /send <userId> <text>      send a text message
            /gsend <groupId> <text>    send a text message to a group
            /unread                    unread counts per conversation
            /history <conv> [count]    the latest messages of a conversation (conv: 12 = user 12, g3 = group 3)
            /read <conv> <msgId>       mark a conversation read up to msg_id (your other devices are told)
            /sessions                  recent conversations
            /users                     the user directory
            /status <userId>...        who is online
            /groups                    your groups and their members
            /kickpc                    (mobile only) log out your PC client
            /help                      show this help
            /quit                      log out and exit""";

    private final TeamTalkClient client;
    private final PrintStream out;
    private final Requests requests;

    CommandLoop(TeamTalkClient client, PrintStream out) {
        this.client = client;
        this.out = out;
        this.requests = new Requests(client, out);
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
            try {
                if (!request(line.split("\\s+", 3))) {
                    out.println("error: unknown command: " + line + " (try /help)");
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                out.println("error: bad arguments: " + line + " (try /help)");
            } catch (TeamTalkClientException e) {
                out.println("error: " + e.getMessage());
            }
        }
        return true;
    }

    /** The commands that ask the server something; false for an unknown command. */
    private boolean request(String[] words) {
        switch (words[0]) {
            case "/gsend" -> {
                if (words.length < 3) {
                    throw new ArrayIndexOutOfBoundsException();
                }
                requests.groupSend(Integer.parseInt(words[1]), words[2]);
            }
            case "/unread" -> requests.unread();
            case "/history" -> requests.history(Requests.Conversation.parse(words[1]),
                    words.length > 2 ? Integer.parseInt(words[2].strip()) : 20);
            case "/read" -> requests.read(Requests.Conversation.parse(words[1]), Integer.parseInt(words[2].strip()));
            case "/sessions" -> requests.sessions();
            case "/users" -> requests.users();
            case "/status" -> requests.status(java.util.Arrays.stream(
                    String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length)).split("\\s+"))
                    .map(Integer::parseInt).toList());
            case "/groups" -> requests.groups();
            case "/kickpc" -> requests.kickPc();
            default -> {
                return false;
            }
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
