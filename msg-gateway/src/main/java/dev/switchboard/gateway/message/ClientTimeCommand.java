package dev.switchboard.gateway.message;

import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMMessage.IMClientTimeRsp;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.springframework.stereotype.Component;

/** {@code IMClientTimeReq} (0x0305) → {@code IMClientTimeRsp} (0x0306): the server's clock, seconds since the epoch. */
@Component
final class ClientTimeCommand implements Command {

    @Override
    public int commandId() {
        return MessageCmdID.CID_MSG_TIME_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMClientTimeRsp response = IMClientTimeRsp.newBuilder()
                .setServerTime((int) (System.currentTimeMillis() / 1000))
                .build();
        session.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_TIME_RESPONSE_VALUE, pdu.seq(), response));
    }
}
