package dev.switchboard.gateway.file;

import com.mogujie.tt.protobuf.IMBaseDefine.FileCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMFile.IMFileHasOfflineRsp;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.springframework.stereotype.Component;

/**
 * {@code IMFileHasOfflineReq} (0x0509) → {@code IMFileHasOfflineRsp} (0x050a) for the logged-in user with no offline
 * files and no file servers: Switchboard stores no files.
 */
@Component
final class FileHasOfflineCommand implements Command {

    @Override
    public int commandId() {
        return FileCmdID.CID_FILE_HAS_OFFLINE_REQ_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMFileHasOfflineRsp response = IMFileHasOfflineRsp.newBuilder().setUserId((int) session.userId()).build();
        session.send(Pdu.of(ServiceID.SID_FILE_VALUE, FileCmdID.CID_FILE_HAS_OFFLINE_RES_VALUE, pdu.seq(), response));
    }
}
