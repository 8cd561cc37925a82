package dev.switchboard.client.cli;

import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_KICK_USER_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_PC_LOGIN_STATUS_NOTIFY_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_REMOVE_SESSION_NOTIFY_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_SIGN_INFO_CHANGED_NOTIFY_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID.CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_READ_NOTIFY_VALUE;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupModifyType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBuddy.IMPCLoginStatusNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMRemoveSessionNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMSignInfoChangedNotify;
import com.mogujie.tt.protobuf.IMBuddy.IMUserStatNotify;
import com.mogujie.tt.protobuf.IMGroup.IMGroupChangeMemberNotify;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadNotify;
import com.mogujie.tt.protobuf.IMLogin.IMKickUser;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.pdu.Pdu;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Prints what the server pushes, one line per event: messages ({@code <- 2: hello (msg_id 5)}), presence changes
 * ({@code * user 2 is online}), what the user's other devices did (read, removed a conversation), group changes,
 * signature changes, and kicks, which also end the session with exit code 3. Other PDUs are not shown.
 * Runs on the client's event loop.
 */
final class IncomingPrinter implements Consumer<Pdu> {

    static final int EXIT_KICKED = 3;

    private final PrintStream out;
    private final IntSupplier selfUserId;
    private final CompletableFuture<Integer> exit;

    IncomingPrinter(PrintStream out, IntSupplier selfUserId, CompletableFuture<Integer> exit) {
        this.out = out;
        this.selfUserId = selfUserId;
        this.exit = exit;
    }

    /**
     * Holds what arrives until the login line is printed, then prints it: the server may push notices (the user's own
     * status, a PC-login notice) before the client has shown that it logged in.
     */
    private final java.util.List<Pdu> held = new java.util.ArrayList<>();
    private boolean started;

    /** Prints what was held back and everything from now on. */
    synchronized void start() {
        started = true;
        held.forEach(this::print);
        held.clear();
    }

    @Override
    public synchronized void accept(Pdu pdu) {
        if (started) {
            print(pdu);
        } else {
            held.add(pdu);
        }
    }

    private void print(Pdu pdu) {
        byte[] body = pdu.body();
        try {
            switch (pdu.commandId()) {
                case CID_MSG_DATA_VALUE -> out.println(messageLine(IMMsgData.parser().parsePartialFrom(body)));
                case CID_BUDDY_LIST_STATUS_NOTIFY_VALUE -> printStatus(IMUserStatNotify.parser().parsePartialFrom(body));
                case CID_LOGIN_KICK_USER_VALUE -> kicked(IMKickUser.parser().parsePartialFrom(body));
                case CID_MSG_READ_NOTIFY_VALUE -> {
                    IMMsgDataReadNotify read = IMMsgDataReadNotify.parser().parsePartialFrom(body);
                    out.println("* read on another device: %s%d up to msg_id %d".formatted(
                            read.getSessionType() == SessionType.SESSION_TYPE_GROUP ? "g" : "", read.getSessionId(),
                            read.getMsgId()));
                }
                case CID_BUDDY_LIST_PC_LOGIN_STATUS_NOTIFY_VALUE -> out.println("* your PC client is "
                        + statusWord(IMPCLoginStatusNotify.parser().parsePartialFrom(body).getLoginStat()));
                case CID_BUDDY_LIST_REMOVE_SESSION_NOTIFY_VALUE -> {
                    IMRemoveSessionNotify removed = IMRemoveSessionNotify.parser().parsePartialFrom(body);
                    out.println("* conversation %s%d removed on another device".formatted(
                            removed.getSessionType() == SessionType.SESSION_TYPE_GROUP ? "g" : "",
                            removed.getSessionId()));
                }
                case CID_BUDDY_LIST_SIGN_INFO_CHANGED_NOTIFY_VALUE -> {
                    IMSignInfoChangedNotify sign = IMSignInfoChangedNotify.parser().parsePartialFrom(body);
                    out.println("* user %d's signature: %s".formatted(sign.getChangedUserId(), sign.getSignInfo()));
                }
                case CID_GROUP_CHANGE_MEMBER_NOTIFY_VALUE -> {
                    IMGroupChangeMemberNotify change = IMGroupChangeMemberNotify.parser().parsePartialFrom(body);
                    out.println("* group g%d: user %d %s %s; members now %s".formatted(change.getGroupId(),
                            change.getUserId(), change.getChangeType() == GroupModifyType.GROUP_MODIFY_TYPE_ADD
                                    ? "added" : "removed", change.getChgUserIdListList(),
                            change.getCurUserIdListList()));
                }
                default -> { }
            }
        } catch (InvalidProtocolBufferException e) {
            out.println("error: unparsable pdu from server cid=0x%04x".formatted(pdu.commandId()));
        }
    }

    /** {@code <- 2: hello (msg_id 5)}; group messages name the group, copies of our own sends say so. */
    String messageLine(IMMsgData message) {
        String text = text(message);
        MsgType type = message.getMsgType();
        if (type == MsgType.MSG_TYPE_GROUP_TEXT || type == MsgType.MSG_TYPE_GROUP_AUDIO) {
            return "<- %d (group %d): %s (msg_id %d)".formatted(
                    message.getFromUserId(), message.getToSessionId(), text, message.getMsgId());
        }
        if (message.getFromUserId() == selfUserId.getAsInt()) {
            return "-> %d: %s (msg_id %d, sent from another device)".formatted(
                    message.getToSessionId(), text, message.getMsgId());
        }
        return "<- %d: %s (msg_id %d)".formatted(message.getFromUserId(), text, message.getMsgId());
    }

    /** The decrypted text, else the raw bytes as UTF-8; escaped so that one message stays one line. */
    private static String text(IMMsgData message) {
        return Requests.text(message.getMsgType(), message.getMsgData());
    }

    private void printStatus(IMUserStatNotify notify) {
        UserStat stat = notify.getUserStat();
        out.println("* user " + stat.getUserId() + " is " + statusWord(stat.getStatus()));
    }

    static String statusWord(com.mogujie.tt.protobuf.IMBaseDefine.UserStatType status) {
        return switch (status) {
            case USER_STATUS_ONLINE -> "online";
            case USER_STATUS_OFFLINE -> "offline";
            case USER_STATUS_LEAVE -> "away";
        };
    }

    private void kicked(IMKickUser kick) {
        String why = switch (kick.getKickReason()) {
            case KICK_REASON_DUPLICATE_USER -> "logged in elsewhere";
            case KICK_REASON_MOBILE_KICK -> "logged out by your mobile client";
        };
        out.println("kicked: " + why + " (" + kick.getKickReason().name() + ")");
        exit.complete(EXIT_KICKED);
    }
}
