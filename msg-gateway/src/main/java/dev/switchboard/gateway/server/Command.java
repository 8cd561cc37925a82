package dev.switchboard.gateway.server;

import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;

/** Handles one client command id. Called on the connection's event loop; must not block. */
public interface Command {

    /** The CID_* this command handles. */
    int commandId();

    /** Whether the command is accepted before login (only login and heartbeat are). */
    default boolean allowedBeforeLogin() {
        return false;
    }

    void handle(Session session, Pdu pdu);
}
