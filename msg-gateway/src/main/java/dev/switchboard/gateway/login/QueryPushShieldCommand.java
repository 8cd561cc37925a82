package dev.switchboard.gateway.login;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMLogin.IMQueryPushShieldReq;
import com.mogujie.tt.protobuf.IMLogin.IMQueryPushShieldRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.DeviceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code IMQueryPushShieldReq} (0x010e) → {@code IMQueryPushShieldRsp} (0x010f): the push shield status the user last
 * set with {@link PushShieldCommand} (0 when never set), result 0. A malformed body or an unreachable Redis answer
 * result 1 without a status.
 */
@Component
final class QueryPushShieldCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(QueryPushShieldCommand.class);

    private final DeviceTokens pushSettings;
    private final GatewayMetrics metrics;

    QueryPushShieldCommand(DeviceTokens pushSettings, GatewayMetrics metrics) {
        this.pushSettings = pushSettings;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return LoginCmdID.CID_LOGIN_REQ_QUERY_PUSH_SHIELD_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        try {
            IMQueryPushShieldReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            answer(session, pdu.seq(), IMQueryPushShieldRsp.newBuilder().setResultCode(1));
            return;
        }
        pushSettings.pushShield(session.userId()).whenComplete((shielded, error) -> {
            if (error != null) {
                metrics.commandFailed("store_unavailable");
                log.warn("push shield not read userId={} error={}", session.userId(), error.toString());
                answer(session, pdu.seq(), IMQueryPushShieldRsp.newBuilder().setResultCode(1));
            } else {
                answer(session, pdu.seq(),
                        IMQueryPushShieldRsp.newBuilder().setResultCode(0).setShieldStatus(shielded ? 1 : 0));
            }
        });
    }

    private static void answer(Session session, int seq, IMQueryPushShieldRsp.Builder response) {
        response.setUserId((int) session.userId());
        session.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_RES_QUERY_PUSH_SHIELD_VALUE, seq,
                response.build()));
    }
}
