package dev.switchboard.gateway.history;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;

import java.util.Optional;

/**
 * The latest message of a conversation as unread counts and recent sessions show it, filled as TeamTalk's db_proxy
 * fills them: for a 1:1 conversation {@code latest_msg_from_user_id} is the peer (whoever sent the message), for a
 * group the message's sender. A conversation without a stored message shows msg_id 0, no data and the session type's
 * text type (only removed sessions are shown that way).
 */
record LatestMessage(int msgId, ByteString data, MsgType type, int fromUserId) {

    static LatestMessage of(int sessionType, long peerId, Optional<byte[]> stored) {
        boolean group = sessionType == SessionType.SESSION_TYPE_GROUP_VALUE;
        if (stored.isEmpty()) {
            return new LatestMessage(0, ByteString.EMPTY,
                    group ? MsgType.MSG_TYPE_GROUP_TEXT : MsgType.MSG_TYPE_SINGLE_TEXT, 0);
        }
        MsgInfo message = StoredMessages.parse(stored.get());
        return new LatestMessage(message.getMsgId(), message.getMsgData(), message.getMsgType(),
                group ? message.getFromSessionId() : (int) peerId);
    }
}
