package dev.switchboard.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.client.TeamTalkCipher;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

class IncomingPrinterTest {

    private final IncomingPrinter printer = new IncomingPrinter(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), () -> 1,
            new CompletableFuture<>());

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

    private static IMMsgData message(int from, int to, MsgType type, byte[] data) {
        return IMMsgData.newBuilder().setFromUserId(from).setToSessionId(to).setMsgId(5).setCreateTime(0)
                .setMsgType(type).setMsgData(ByteString.copyFrom(data)).build();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
