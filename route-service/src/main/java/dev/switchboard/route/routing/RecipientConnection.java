package dev.switchboard.route.routing;

import dev.switchboard.store.PresenceEntry;

/**
 * A connection that should receive a PDU.
 *
 * @param peerId the conversation as this connection's user sees it (what its IMMsgDataAck will name)
 */
record RecipientConnection(PresenceEntry connection, long peerId) {
}
