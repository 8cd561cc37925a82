package dev.switchboard.gateway.message;

import com.mogujie.tt.protobuf.IMMessage.IMMsgData;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Digests that recognise a resent message (128 bits of SHA-256, hex). The sender is not part of them: it is part of
 * every key they are used in.
 */
final class SendDigest {

    private SendDigest() {
    }

    /** Conversation and content, for a resend on the same connection with the same seq (the time may be new). */
    static String conversationAndContent(IMMsgData message) {
        return digest(message.getToSessionId(), message.getMsgType().getNumber(), message);
    }

    /** The client's create_time and content, for a resend from anywhere (the conversation is in the key). */
    static String createTimeAndContent(IMMsgData message) {
        return digest(message.getCreateTime(), message.getMsgType().getNumber(), message);
    }

    private static String digest(int first, int second, IMMsgData message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(8).putInt(first).putInt(second).array());
            sha.update(message.getMsgData().asReadOnlyByteBuffer());
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
