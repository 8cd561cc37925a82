package dev.switchboard.gateway.login;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMLogin.IMPushShieldReq;
import com.mogujie.tt.protobuf.IMLogin.IMPushShieldRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.DeviceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code IMPushShieldReq} (0x010c) → {@code IMPushShieldRsp} (0x010d): stores whether the user shields pushes
 * ({@code user:{id}:push-shield}) and answers result 0 with the stored status. TeamTalk forwards this to its database;
 * Switchboard has no push service, so the setting only matters to clients that read it back with
 * {@link QueryPushShieldCommand}. A malformed body, a status other than 0 or 1, or an unreachable Redis answer
 * result 1 without a status.
 */
@Component
final class PushShieldCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(PushShieldCommand.class);

    private final DeviceTokens pushSettings;
    private final GatewayMetrics metrics;

    PushShieldCommand(DeviceTokens pushSettings, GatewayMetrics metrics) {
        this.pushSettings = pushSettings;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return LoginCmdID.CID_LOGIN_REQ_PUSH_SHIELD_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        int status;
        try {
            status = IMPushShieldReq.parseFrom(pdu.body()).getShieldStatus();
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            answer(session, pdu.seq(), IMPushShieldRsp.newBuilder().setResultCode(1));
            return;
        }
        if (status != 0 && status != 1) {
            metrics.commandIgnored("invalid_push_shield");
            answer(session, pdu.seq(), IMPushShieldRsp.newBuilder().setResultCode(1));
            return;
        }
        pushSettings.setPushShield(session.userId(), status == 1).whenComplete((done, error) -> {
            if (error != null) {
                metrics.commandFailed("store_unavailable");
                log.warn("push shield not stored userId={} error={}", session.userId(), error.toString());
                answer(session, pdu.seq(), IMPushShieldRsp.newBuilder().setResultCode(1));
            } else {
                answer(session, pdu.seq(), IMPushShieldRsp.newBuilder().setResultCode(0).setShieldStatus(status));
            }
        });
    }

    private static void answer(Session session, int seq, IMPushShieldRsp.Builder response) {
        response.setUserId((int) session.userId());
        session.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_RES_PUSH_SHIELD_VALUE, seq,
                response.build()));
    }
}
