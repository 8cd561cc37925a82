package dev.switchboard.gateway.login;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMLogin.IMDeviceTokenReq;
import com.mogujie.tt.protobuf.IMLogin.IMDeviceTokenRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.DeviceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code IMDeviceTokenReq} (0x0108) → {@code IMDeviceTokenRsp} (0x0109, with the {@code user_id} TeamTalk forgot).
 * A mobile connection's push token is stored under its own client type (an empty token forgets it); PC clients have
 * no push token, so theirs is not stored (TeamTalk ignores them) but still answered.
 */
@Component
final class DeviceTokenCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(DeviceTokenCommand.class);

    private final DeviceTokens deviceTokens;
    private final GatewayMetrics metrics;

    DeviceTokenCommand(DeviceTokens deviceTokens, GatewayMetrics metrics) {
        this.deviceTokens = deviceTokens;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return LoginCmdID.CID_LOGIN_REQ_DEVICETOKEN_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMDeviceTokenReq request;
        try {
            request = IMDeviceTokenReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            return;
        }
        store(session, request.getDeviceToken()).whenComplete((done, error) -> {
            if (error != null) {
                metrics.commandFailed("store_unavailable");
                log.warn("device token not stored userId={} error={}", session.userId(), error.toString());
            }
            IMDeviceTokenRsp response = IMDeviceTokenRsp.newBuilder().setUserId((int) session.userId()).build();
            session.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_RES_DEVICETOKEN_VALUE, pdu.seq(),
                    response));
        });
    }

    private CompletionStage<Void> store(Session session, String token) {
        if (!session.mobile()) {
            metrics.commandIgnored("pc_device_token");
            return CompletableFuture.completedFuture(null);
        }
        return token.isEmpty()
                ? deviceTokens.remove(session.userId(), session.clientType())
                : deviceTokens.save(session.userId(), session.clientType(), token);
    }
}
