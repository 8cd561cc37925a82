package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Dispatches client PDUs on the command id alone, as TeamTalk does. Before login only login and heartbeat pass;
 * anything else closes the connection (TeamTalk's gate never worked, PROTOCOL.md §5.2). Unknown commands after login
 * are counted and ignored, as TeamTalk ignores them.
 */
@Component
final class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final Map<Integer, Command> commands;
    private final GatewayMetrics metrics;

    CommandDispatcher(List<Command> commands, GatewayMetrics metrics) {
        this.commands = commands.stream().collect(Collectors.toMap(Command::commandId, Function.identity()));
        this.metrics = metrics;
    }

    void dispatch(Session session, Pdu pdu) {
        Command command = commands.get(pdu.commandId());
        if (!session.loggedIn() && (command == null || !command.allowedBeforeLogin())) {
            log.debug("command before login connectionId={} commandId=0x{}", session.connectionId(),
                    Integer.toHexString(pdu.commandId()));
            session.close(CloseReason.NOT_LOGGED_IN);
            return;
        }
        if (command == null) {
            metrics.commandIgnored("unknown");
            return;
        }
        metrics.commandReceived(pdu.commandId());
        command.handle(session, pdu);
    }
}
