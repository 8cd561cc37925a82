package dev.switchboard.gateway.server;

import com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.springframework.stereotype.Component;

/** {@code IMHeartBeat} (0x0701): echoed unchanged, as TeamTalk does; accepted before login. */
@Component
final class HeartbeatCommand implements Command {

    @Override
    public int commandId() {
        return OtherCmdID.CID_OTHER_HEARTBEAT_VALUE;
    }

    @Override
    public boolean allowedBeforeLogin() {
        return true;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        session.send(pdu);
    }
}
