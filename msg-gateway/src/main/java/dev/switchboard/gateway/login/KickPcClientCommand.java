package dev.switchboard.gateway.login;

import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMLogin.IMKickPCClientRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.presence.PresencePublisher;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.springframework.stereotype.Component;

/**
 * {@code IMKickPCClientReq} (0x010a): a mobile client kicks its user's PC client (PROTOCOL.md §5.4). The request goes
 * to presence-service, which kicks every PC-class connection of the user with reason 2 (KICK_REASON_MOBILE_KICK)
 * wherever it is; once Kafka has it, {@code IMKickPCClientRsp} (0x010b) answers with result 0 and the request's seq.
 * From a PC client (TeamTalk ignores it) or when the request cannot be published, the answer is result 1. The body
 * names the user, but only the authenticated user is ever kicked.
 */
@Component
final class KickPcClientCommand implements Command {

    private final PresencePublisher presence;
    private final GatewayMetrics metrics;

    KickPcClientCommand(PresencePublisher presence, GatewayMetrics metrics) {
        this.presence = presence;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return LoginCmdID.CID_LOGIN_REQ_KICKPCCLIENT_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        if (!session.mobile()) {
            metrics.commandIgnored("kick_pc_from_pc");
            answer(session, pdu.seq(), 1);
            return;
        }
        presence.kickPcClients(session).whenComplete((sent, error) -> answer(session, pdu.seq(), error == null ? 0 : 1));
    }

    private static void answer(Session session, int seq, int resultCode) {
        IMKickPCClientRsp response = IMKickPCClientRsp.newBuilder()
                .setUserId((int) session.userId())
                .setResultCode(resultCode)
                .build();
        session.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_RES_KICKPCCLIENT_VALUE, seq, response));
    }
}
