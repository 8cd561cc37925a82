package dev.switchboard.gateway.login;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.presence.PresencePublisher;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code IMLoginReq} (0x0103) → {@code IMLoginRes} (0x0104) with the request's seq, as TeamTalk's msg_server answers
 * (PROTOCOL.md §5.3): result 0 with the user's UserInfo, or 6 (wrong name or password) or 3 (directory unavailable)
 * followed by closing the connection. A second login on the same connection is ignored, as in TeamTalk. A name or
 * source address with too many recent failures ({@link LoginThrottle}) is refused before its password is checked,
 * with result 6 and TeamTalk's "too many failures" text, then closed; each wrong password is counted before it is
 * answered. An accepted login is answered once presence holds the connection ({@link PendingLogins}), so the user
 * is reachable from the moment the answer arrives; message deliveries for the connection that come before the answer
 * are written right after it.
 */
@Component
final class LoginCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(LoginCommand.class);
    /** TeamTalk db_proxy's answer when a name failed too often (PROTOCOL.md §8.1), with result 6. */
    static final String TOO_MANY_FAILURES = "用户名/密码错误次数太多";

    private final CredentialCheck credentials;
    private final LoginThrottle throttle;
    private final PresencePublisher presence;
    private final PendingLogins pending;
    private final GatewayMetrics metrics;
    private final GatewayProperties properties;

    LoginCommand(CredentialCheck credentials, LoginThrottle throttle, PresencePublisher presence,
                 PendingLogins pending, GatewayMetrics metrics,
                 GatewayProperties properties) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.presence = presence;
        this.pending = pending;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public int commandId() {
        return LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
    }

    @Override
    public boolean allowedBeforeLogin() {
        return true;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        if (!session.startLogin()) {
            metrics.commandIgnored("duplicate_login");
            return;
        }
        IMLoginReq request;
        try {
            request = IMLoginReq.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.login("malformed");
            session.close(CloseReason.LOGIN_FAILED);
            return;
        }
        String address = session.remoteAddress();
        throttle.allowed(request.getUserName(), address).thenAccept(allowed -> {
            if (!allowed) {
                session.executeOnEventLoop(() -> refuse(session, pdu.seq(),
                        ResultType.REFUSE_REASON_DB_VALIDATE_FAILED, TOO_MANY_FAILURES, "throttled",
                        CloseReason.LOGIN_THROTTLED));
                return;
            }
            checkPassword(session, pdu.seq(), request, address);
        });
    }

    /** Checks name and password; a wrong one is counted by the throttle before it is answered. */
    private void checkPassword(Session session, int seq, IMLoginReq request, String address) {
        credentials.check(request.getUserName(), request.getPassword()).whenComplete((outcome, error) -> {
            if (error == null && outcome.user() == null) {
                throttle.failed(request.getUserName(), address).thenRun(() ->
                        session.executeOnEventLoop(() -> finish(session, seq, request, outcome, null)));
            } else {
                session.executeOnEventLoop(() -> finish(session, seq, request, outcome, error));
            }
        });
    }

    private void finish(Session session, int seq, IMLoginReq request, CredentialCheck.Outcome outcome,
                        Throwable error) {
        if (!session.open()) {
            return;
        }
        if (error != null) {
            log.warn("login failed, directory unavailable userName={} error={}", request.getUserName(), error.toString());
            refuse(session, seq, ResultType.REFUSE_REASON_NO_DB_SERVER, "服务端异常", "unavailable",
                    CloseReason.LOGIN_UNAVAILABLE);
        } else if (outcome.user() == null) {
            refuse(session, seq, ResultType.REFUSE_REASON_DB_VALIDATE_FAILED, "用户名/密码错误", "rejected",
                    CloseReason.LOGIN_FAILED);
        } else {
            accept(session, seq, request, outcome);
        }
    }

    /**
     * Accepts on the event loop: the session is the user's from now on (deliveries addressed to it are held until
     * the answer), its ONLINE is published, and the answer waits for presence's confirmation.
     */
    private void accept(Session session, int seq, IMLoginReq request, CredentialCheck.Outcome outcome) {
        throttle.succeeded(request.getUserName(), session.remoteAddress());
        UserStatType status = request.getOnlineStatus();
        session.loggedIn(outcome.user().id(), request.getClientType().getNumber(), status.getNumber());
        session.holdDeliveriesUntilAnswered();
        if (session.mobile()) {
            session.idleTimeout(properties.mobileIdleTimeout());
        }
        pending.hold(session, () -> answer(session, seq, status, outcome));
        presence.online(session);
    }

    private void answer(Session session, int seq, UserStatType status, CredentialCheck.Outcome outcome) {
        if (!session.open()) {
            return;
        }
        metrics.login("ok");
        IMLoginRes response = IMLoginRes.newBuilder()
                .setServerTime(now())
                .setResultCode(ResultType.REFUSE_REASON_NONE)
                .setResultString("成功")
                .setOnlineStatus(status)
                .setUserInfo(outcome.user().toUserInfo())
                .build();
        session.answerLogin(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE, seq,
                response));
        log.debug("login userId={} connectionId={} clientType={}", session.userId(), session.connectionId(),
                session.clientType());
    }

    private void refuse(Session session, int seq, ResultType result, String text, String metric, CloseReason reason) {
        metrics.login(metric);
        IMLoginRes response = IMLoginRes.newBuilder()
                .setServerTime(now())
                .setResultCode(result)
                .setResultString(text)
                .build();
        session.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE, seq, response));
        session.close(reason);
    }

    private static int now() {
        return (int) (System.currentTimeMillis() / 1000);
    }
}
