package dev.switchboard.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBuddy.IMPCLoginStatusNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMUserStatNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionNotify;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberNotify;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadNotify;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.client.TeamTalkCipher;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

class IncomingPrinterTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final IncomingPrinter printer = new IncomingPrinter(
            new PrintStream(printed, true, StandardCharsets.UTF_8), () -> 1, new CompletableFuture<>());

    @Test
    void showsTheDecryptedTextOfAMessage() {
        assertThat(printer.messageLine(message(2, 1, MsgType.MSG_TYPE_SINGLE_TEXT, TeamTalkCipher.encrypt("hello"))))
                .isEqualTo("<- 2: hello (msg_id 5)");
    }

    @Test
    void showsTheRawTextWhenItIsNotEncrypted() {
        assertThat(printer.messageLine(message(2, 1, MsgType.MSG_TYPE_SINGLE_TEXT, utf8("plain words"))))
                .isEqualTo("<- 2: plain words (msg_id 5)");
    }

    @Test
    void keepsAMultiLineMessageOnOneLine() {
        assertThat(printer.messageLine(message(2, 1, MsgType.MSG_TYPE_SINGLE_TEXT, TeamTalkCipher.encrypt("a\nb"))))
                .isEqualTo("<- 2: a\\nb (msg_id 5)");
    }

    @Test
    void namesTheGroupOfAGroupMessage() {
        assertThat(printer.messageLine(message(2, 7, MsgType.MSG_TYPE_GROUP_TEXT, TeamTalkCipher.encrypt("hi all"))))
                .isEqualTo("<- 2 (group 7): hi all (msg_id 5)");
    }

    @Test
    void marksACopyOfOurOwnMessageSentFromAnotherDevice() {
        assertThat(printer.messageLine(message(1, 2, MsgType.MSG_TYPE_SINGLE_TEXT, TeamTalkCipher.encrypt("me"))))
                .isEqualTo("-> 2: me (msg_id 5, sent from another device)");
    }

    @Test
    void reportsWhatTheUsersOtherDevicesAndGroupsDid() {
        printer.start();
        printer.accept(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_READ_NOTIFY_VALUE, 0,
                IMMsgDataReadNotify.newBuilder().setUserId(1).setSessionId(7).setMsgId(9)
                        .setSessionType(SessionType.SESSION_TYPE_GROUP).build()));
        printer.accept(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_NOTIFY_VALUE,
                0, IMRemoveSessionNotify.newBuilder().setUserId(1).setSessionId(2)
                        .setSessionType(SessionType.SESSION_TYPE_SINGLE).build()));
        printer.accept(Pdu.of(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE, 0,
                IMGroupChangeMemberNotify.newBuilder().setUserId(3).setGroupId(7)
                        .setChangeType(GroupModifyType.GROUP_MODIFY_TYPE_ADD).addChgUserIdList(4)
                        .addAllCurUserIdList(java.util.List.of(1, 3, 4)).build()));
        printer.accept(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_PC_LOGIN_STATUS_NOTIFY_VALUE, 0, IMPCLoginStatusNotify.newBuilder()
                        .setUserId(1).setLoginStat(UserStatType.USER_STATUS_OFFLINE).build()));

        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "* read on another device: g7 up to msg_id 9",
                "* conversation 2 removed on another device",
                "* group g7: user 3 added [4]; members now [1, 3, 4]",
                "* your PC client is offline");
    }

    @Test
    void holdsWhatArrivesBeforeTheLoginLineIsPrinted() {
        printer.accept(Pdu.of(ServiceID.SID_BUDDY_LIST_VALUE, BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE, 0,
                IMUserStatNotify.newBuilder().setUserStat(UserStat.newBuilder().setUserId(1)
                        .setStatus(UserStatType.USER_STATUS_ONLINE)).build()));
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();

        printer.start();

        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly("* user 1 is online");
    }

    private static IMMsgData message(int from, int to, MsgType type, byte[] data) {
        return IMMsgData.newBuilder().setFromUserId(from).setToSessionId(to).setMsgId(5).setCreateTime(0)
                .setMsgType(type).setMsgData(ByteString.copyFrom(data)).build();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
