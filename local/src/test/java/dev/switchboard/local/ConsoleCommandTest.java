package dev.switchboard.local;

import dev.switchboard.local.ConsoleCommand.Action;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConsoleCommandTest {

    @Test
    void parsesEachCommandWithItsServiceName() {
        assertThat(ConsoleCommand.parse("kill gw-1")).isEqualTo(new ConsoleCommand(Action.KILL, "gw-1"));
        assertThat(ConsoleCommand.parse("  STOP   route-service-1 ")).isEqualTo(
                new ConsoleCommand(Action.STOP, "route-service-1"));
        assertThat(ConsoleCommand.parse("start presence-service")).isEqualTo(
                new ConsoleCommand(Action.START, "presence-service"));
        assertThat(ConsoleCommand.parse("restart gw-0")).isEqualTo(new ConsoleCommand(Action.RESTART, "gw-0"));
        assertThat(ConsoleCommand.parse("status")).isEqualTo(new ConsoleCommand(Action.STATUS, ""));
        assertThat(ConsoleCommand.parse("help")).isEqualTo(new ConsoleCommand(Action.HELP, ""));
    }

    @Test
    void rejectsUnknownCommandsAndWrongArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleCommand.parse("explode gw-1"))
                .withMessageStartingWith("unknown command: explode; commands: status | kill NAME");
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleCommand.parse("kill"))
                .withMessage("usage: kill NAME (e.g. kill gw-1)");
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleCommand.parse("kill gw-1 gw-2"))
                .withMessage("usage: kill NAME (e.g. kill gw-1)");
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleCommand.parse("status gw-1"))
                .withMessage("usage: status (no arguments)");
    }
}
