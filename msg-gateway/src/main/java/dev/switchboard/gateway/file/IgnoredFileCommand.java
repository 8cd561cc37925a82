package dev.switchboard.gateway.file;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.server.Command;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;

/**
 * A file command TeamTalk answers with nothing ({@code IMFileAddOfflineReq} 0x050b, {@code IMFileDelOfflineReq}
 * 0x050c): without a file server there is nothing to add or delete, so it is counted
 * ({@code im.gateway.commands.ignored{reason=no_file_server}}) and ignored.
 */
final class IgnoredFileCommand implements Command {

    private final int commandId;
    private final GatewayMetrics metrics;

    IgnoredFileCommand(int commandId, GatewayMetrics metrics) {
        this.commandId = commandId;
        this.metrics = metrics;
    }

    @Override
    public int commandId() {
        return commandId;
    }

    @Override
    public void handle(Session session, Pdu pdu) {
        metrics.commandIgnored("no_file_server");
    }
}
