package dev.switchboard.client.cli;

import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_KICK_USER_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBuddy.IMUserStatNotify;
import com.mogujie.tt.protobuf.IMLogin.IMKickUser;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.pdu.Pdu;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Prints what the server pushes, one line per event: messages ({@code <- 2: hello (msg_id 5)}), presence changes
 * ({@code * user 2 is online}) and kicks, which also end the session with exit code 3. Other PDUs are not shown.
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

    @Override
    public void accept(Pdu pdu) {
        byte[] body = pdu.body();
        try {
            switch (pdu.commandId()) {
                case CID_MSG_DATA_VALUE -> out.println(messageLine(IMMsgData.parser().parsePartialFrom(body)));
                case CID_BUDDY_LIST_STATUS_NOTIFY_VALUE -> printStatus(IMUserStatNotify.parser().parsePartialFrom(body));
                case CID_LOGIN_KICK_USER_VALUE -> kicked(IMKickUser.parser().parsePartialFrom(body));
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
        byte[] data = message.getMsgData().toByteArray();
        MsgType type = message.getMsgType();
        if (type == MsgType.MSG_TYPE_SINGLE_AUDIO || type == MsgType.MSG_TYPE_GROUP_AUDIO) {
            return "[audio, " + data.length + " bytes]";
        }
        String text = TeamTalkCipher.decrypt(data).orElseGet(() -> new String(data, StandardCharsets.UTF_8));
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private void printStatus(IMUserStatNotify notify) {
        UserStat stat = notify.getUserStat();
        String status = switch (stat.getStatus()) {
            case USER_STATUS_ONLINE -> "online";
            case USER_STATUS_OFFLINE -> "offline";
            case USER_STATUS_LEAVE -> "away";
        };
        out.println("* user " + stat.getUserId() + " is " + status);
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
