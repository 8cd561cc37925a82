package dev.switchboard.gateway.login;

import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMLogin.IMLogoutRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.DeviceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code IMLogoutReq} (0x0105): a mobile connection's push device token is forgotten (a logged-out phone gets no
 * pushes), then {@code IMLogoutRsp} (0x0106) answers with result 0 (1 if the token could not be cleared) and the
 * connection closes once it is flushed ({@link CloseReason#LOGOUT}); going offline follows from the close.
 */
@Component
final class LogoutCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(LogoutCommand.class);

    private final DeviceTokens deviceTokens;
    private final GatewayMetrics metrics;

    LogoutCommand(DeviceTokens deviceTokens, GatewayMetrics metrics) {
        this.deviceTokens = deviceTokens;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return LoginCmdID.CID_LOGIN_REQ_LOGINOUT_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        CompletionStage<Void> tokenCleared = session.mobile()
                ? deviceTokens.remove(session.userId(), session.clientType())
                : CompletableFuture.completedFuture(null);
        tokenCleared.whenComplete((done, error) -> {
            if (error != null) {
                metrics.commandFailed("store_unavailable");
                log.warn("device token not cleared at logout userId={} error={}", session.userId(), error.toString());
            }
            IMLogoutRsp response = IMLogoutRsp.newBuilder().setResultCode(error == null ? 0 : 1).build();
            session.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_RES_LOGINOUT_VALUE, pdu.seq(),
                    response));
            session.close(CloseReason.LOGOUT);
        });
    }
}
