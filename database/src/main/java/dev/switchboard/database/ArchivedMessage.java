package dev.switchboard.database;

/**
 * One stored message as the message table holds it.
 *
 * @param conversation {@link Conversations#single} or {@link Conversations#group}
 * @param msgId        the per-conversation msg_id the gateway allocated (positive)
 * @param fromUserId   the sender
 * @param msgType      TeamTalk's MsgType number
 * @param createdAt    the message's create_time, seconds
 * @param body         the serialized MsgInfo a history read answers with
 */
public record ArchivedMessage(String conversation, long msgId, long fromUserId, int msgType, long createdAt,
                              byte[] body) {
}
