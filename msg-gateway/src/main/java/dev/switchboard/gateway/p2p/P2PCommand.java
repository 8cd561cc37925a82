package dev.switchboard.gateway.p2p;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SwitchServiceCmdID;
import com.mogujie.tt.protobuf.IMSwitchService.IMP2PCmdMsg;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.notice.RoutePublisher;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.Audience;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code IMP2PCmdMsg} (0x0601), a client-to-client command (e.g. "typing"): delivered with seq 0 to every connection
 * of {@code to_user_id} and the sender's other connections, on every gateway. {@code from_user_id} is the sender
 * whatever the client claims (TeamTalk let it be spoofed, PROTOCOL.md §5.12). Not stored, not acknowledged. A command
 * whose {@code cmd_msg_data} is larger than {@code max-message-bytes} is dropped and counted.
 */
@Component
final class P2PCommand implements Command {

    private final RoutePublisher routes;
    private final GatewayMetrics metrics;
    private final long maxBytes;

    P2PCommand(RoutePublisher routes, GatewayMetrics metrics, GatewayProperties properties) {
        this.routes = routes;
        this.metrics = metrics;
        this.maxBytes = properties.maxMessageBytes().toBytes();
    }

    @Override
    public int commandId() {
        return SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMP2PCmdMsg command;
        try {
            command = IMP2PCmdMsg.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        if (command.getToUserId() == 0) {
            metrics.commandIgnored("no_recipient");
            return;
        }
        if (command.getCmdMsgDataBytes().size() > maxBytes) {
            metrics.commandIgnored("too_large");
            return;
        }
        IMP2PCmdMsg stamped = command.toBuilder().setFromUserId((int) session.userId()).build();
        Pdu frame = Pdu.of(ServiceID.SID_SWITCH_SERVICE_VALUE, SwitchServiceCmdID.CID_SWITCH_P2P_CMD_VALUE, 0, stamped);
        routes.notice(session, frame, List.of(Integer.toUnsignedLong(command.getToUserId()), session.userId()),
                        Audience.AUDIENCE_ALL)
                .whenComplete((published, error) -> {
                    if (error != null) {
                        metrics.commandFailed("not_published");
                    }
                });
    }
}
