package dev.switchboard.gateway.server;

import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Dispatches client PDUs on the command id alone, as TeamTalk does. Before login only login and heartbeat pass;
 * anything else closes the connection (TeamTalk's gate never worked, PROTOCOL.md §5.2). Unknown commands after login
 * are counted and ignored, as TeamTalk ignores them. A connection sending more than {@code requests-per-second}
 * requests (every command but heartbeats, messages, which have their own limit, and delivery acks, which follow
 * what the gateway delivers) has the excess dropped and counted, as TeamTalk drops messages over its rate.
 */
@Component
final class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    /** Commands outside the request rate limit. */
    private static final Set<Integer> UNLIMITED = Set.of(OtherCmdID.CID_OTHER_HEARTBEAT_VALUE,
            LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE, MessageCmdID.CID_MSG_DATA_VALUE,
            MessageCmdID.CID_MSG_DATA_ACK_VALUE);

    private final Map<Integer, Command> commands;
    private final GatewayMetrics metrics;
    private final int requestsPerSecond;

    CommandDispatcher(List<Command> commands, GatewayMetrics metrics, GatewayProperties properties) {
        this.commands = commands.stream().collect(Collectors.toMap(Command::commandId, Function.identity()));
        this.metrics = metrics;
        this.requestsPerSecond = properties.requestsPerSecond();
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
        if (!UNLIMITED.contains(pdu.commandId())
                && !session.tryAcquireRequest(System.currentTimeMillis(), requestsPerSecond)) {
            metrics.commandIgnored("rate_limited");
            return;
        }
        command.handle(session, pdu);
    }
}
