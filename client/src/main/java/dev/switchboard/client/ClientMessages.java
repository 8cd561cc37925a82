package dev.switchboard.client;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;

/** Builds the protobuf bodies a TeamTalk client sends, filled in the way TeamTalk's own clients fill them. */
final class ClientMessages {

    static final String CLIENT_VERSION = "switchboard-client";

    private ClientMessages() {
    }

    static IMLoginReq loginRequest(String userName, String passwordMd5Hex, ClientType clientType) {
        return loginRequest(userName, passwordMd5Hex, clientType, UserStatType.USER_STATUS_ONLINE);
    }

    static IMLoginReq loginRequest(String userName, String passwordMd5Hex, ClientType clientType,
                                   UserStatType onlineStatus) {
        return IMLoginReq.newBuilder()
                .setUserName(userName)
                .setPassword(passwordMd5Hex)
                .setOnlineStatus(onlineStatus)
                .setClientType(clientType)
                .setClientVersion(CLIENT_VERSION)
                .build();
    }

    /** A single-chat text message; the server overwrites {@code from_user_id}, {@code create_time} and the msg_id. */
    static IMMsgData singleText(int toUserId, String text) {
        return IMMsgData.newBuilder()
                .setFromUserId(0)
                .setToSessionId(toUserId)
                .setMsgId(0)
                .setCreateTime((int) (System.currentTimeMillis() / 1000))
                .setMsgType(MsgType.MSG_TYPE_SINGLE_TEXT)
                .setMsgData(ByteString.copyFrom(TeamTalkCipher.encrypt(text)))
                .build();
    }

    /** A group text message to {@code groupId}; the server overwrites the sender, create time and msg_id. */
    static IMMsgData groupText(int groupId, String text) {
        return singleText(groupId, text).toBuilder().setMsgType(MsgType.MSG_TYPE_GROUP_TEXT).build();
    }

    /**
     * The delivery ack a client returns for a received message. For a single chat the session is the sender; for a
     * group message it is the group ({@code to_session_id}), as TeamTalk's clients send it.
     */
    static IMMsgDataAck deliveryAck(int selfUserId, IMMsgData received) {
        boolean group = isGroup(received.getMsgType());
        return IMMsgDataAck.newBuilder()
                .setUserId(selfUserId)
                .setSessionId(group ? received.getToSessionId() : received.getFromUserId())
                .setMsgId(received.getMsgId())
                .setSessionType(group ? SessionType.SESSION_TYPE_GROUP : SessionType.SESSION_TYPE_SINGLE)
                .build();
    }

    static boolean isGroup(MsgType type) {
        return type == MsgType.MSG_TYPE_GROUP_TEXT || type == MsgType.MSG_TYPE_GROUP_AUDIO;
    }
}
