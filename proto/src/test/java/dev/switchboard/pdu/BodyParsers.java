package dev.switchboard.pdu;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID;
import com.mogujie.tt.protobuf.IMBuddy;
import com.mogujie.tt.protobuf.IMLogin;
import com.mogujie.tt.protobuf.IMMessage;
import com.mogujie.tt.protobuf.IMOther;

import java.util.Map;

import static java.util.Map.entry;

/** The generated message class of each command id that the golden frames (and the codec tests) carry. */
final class BodyParsers {

    private static final Map<Integer, Parser<? extends MessageLite>> BY_COMMAND_ID = Map.ofEntries(
            entry(LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE, IMLogin.IMLoginReq.parser()),
            entry(LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE, IMLogin.IMLoginRes.parser()),
            entry(BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_REQUEST_VALUE,
                    IMBuddy.IMRecentContactSessionReq.parser()),
            entry(BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_RESPONSE_VALUE,
                    IMBuddy.IMRecentContactSessionRsp.parser()),
            entry(BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE, IMBuddy.IMUserStatNotify.parser()),
            entry(BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_REQUEST_VALUE, IMBuddy.IMUsersInfoReq.parser()),
            entry(BuddyListCmdID.CID_BUDDY_LIST_USER_INFO_RESPONSE_VALUE, IMBuddy.IMUsersInfoRsp.parser()),
            entry(BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_REQUEST_VALUE, IMBuddy.IMAllUserReq.parser()),
            entry(BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE, IMBuddy.IMAllUserRsp.parser()),
            entry(MessageCmdID.CID_MSG_DATA_VALUE, IMMessage.IMMsgData.parser()),
            entry(MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMessage.IMMsgDataAck.parser()),
            entry(MessageCmdID.CID_MSG_READ_ACK_VALUE, IMMessage.IMMsgDataReadAck.parser()),
            entry(MessageCmdID.CID_MSG_UNREAD_CNT_REQUEST_VALUE, IMMessage.IMUnreadMsgCntReq.parser()),
            entry(MessageCmdID.CID_MSG_UNREAD_CNT_RESPONSE_VALUE, IMMessage.IMUnreadMsgCntRsp.parser()),
            entry(MessageCmdID.CID_MSG_LIST_REQUEST_VALUE, IMMessage.IMGetMsgListReq.parser()),
            entry(MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE, IMMessage.IMGetMsgListRsp.parser()),
            entry(OtherCmdID.CID_OTHER_HEARTBEAT_VALUE, IMOther.IMHeartBeat.parser()));

    private BodyParsers() {
    }

    /** The parser for {@code commandId}'s body; fails the test for a command id it does not know. */
    static Parser<? extends MessageLite> forCommand(int commandId) {
        Parser<? extends MessageLite> parser = BY_COMMAND_ID.get(commandId);
        if (parser == null) {
            throw new AssertionError("no message class mapped for cid 0x%04x".formatted(commandId));
        }
        return parser;
    }
}
