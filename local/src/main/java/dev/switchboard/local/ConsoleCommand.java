package dev.switchboard.local;

import java.util.List;
import java.util.Locale;

/**
 * One line typed on the launcher's stdin: {@code status}, {@code help}, or {@code kill|stop|start|restart NAME}.
 *
 * @param action what to do
 * @param name   the service it applies to ({@code gw-1}, {@code route-service-1}); empty for status and help
 */
record ConsoleCommand(Action action, String name) {

    /** What a console command does to a service. */
    enum Action {
        /** Lists every service, its pid and state. */
        STATUS,
        /** Lists the commands. */
        HELP,
        /** SIGKILL: a crash. */
        KILL,
        /** SIGTERM: a graceful shutdown. */
        STOP,
        /** Starts a stopped service with its arguments. */
        START,
        /** Stop, then start. */
        RESTART;

        boolean needsName() {
            return this != STATUS && this != HELP;
        }
    }

    static final String HELP = """
            commands: status | kill NAME (SIGKILL) | stop NAME (SIGTERM) | start NAME | restart NAME | help
            """;

    /**
     * Parses a line; blank lines are not commands.
     *
     * @throws IllegalArgumentException saying what is wrong and listing the commands
     */
    static ConsoleCommand parse(String line) {
        List<String> words = List.of(line.strip().split("\\s+"));
        Action action;
        try {
            action = Action.valueOf(words.get(0).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown command: " + words.get(0) + "; " + HELP.strip());
        }
        int expected = action.needsName() ? 2 : 1;
        if (words.size() != expected) {
            throw new IllegalArgumentException(action.needsName()
                    ? "usage: " + words.get(0) + " NAME (e.g. " + words.get(0) + " gw-1)"
                    : "usage: " + words.get(0) + " (no arguments)");
        }
        return new ConsoleCommand(action, action.needsName() ? words.get(1) : "");
    }
}
