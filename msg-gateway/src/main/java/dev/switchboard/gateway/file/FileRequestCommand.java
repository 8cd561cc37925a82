package dev.switchboard.gateway.file;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.FileCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMFile.IMFileReq;
import com.mogujie.tt.protobuf.IMFile.IMFileRsp;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.springframework.stereotype.Component;

/**
 * {@code IMFileReq} (0x0506) → {@code IMFileRsp} (0x0507) with result 1 and an empty task id: Switchboard has no file
 * server, and this is what TeamTalk's msg_server answers when none is available (PROTOCOL.md §5.14). The request's
 * file name, recipient and transfer mode are echoed; the sender is the logged-in user.
 */
@Component
final class FileRequestCommand implements Command {

    private final GatewayMetrics metrics;

    FileRequestCommand(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return FileCmdID.CID_FILE_REQUEST_VALUE;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        IMFileReq request;
        try {
            request = IMFileReq.parser().parsePartialFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            metrics.commandIgnored("malformed");
            request = IMFileReq.getDefaultInstance();
        }
        IMFileRsp response = IMFileRsp.newBuilder()
                .setResultCode(1)
                .setFromUserId((int) session.userId())
                .setToUserId(request.getToUserId())
                .setFileName(request.getFileName())
                .setTaskId("")
                .setTransMode(request.getTransMode())
                .build();
        session.send(Pdu.of(ServiceID.SID_FILE_VALUE, FileCmdID.CID_FILE_RESPONSE_VALUE, pdu.seq(), response));
    }
}
