package dev.switchboard.gateway.message;

import com.mogujie.tt.protobuf.IMMessage.IMMsgData;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Digests that recognise a resent message: the fields that identify it and 128 bits of SHA-256 of its content, hex.
 * The content is hashed once per message, whichever digests are asked for, with one {@link MessageDigest} per thread
 * (looking the algorithm up costs more than hashing a chat message). The sender is not part of them: it is part of
 * every key they are used in.
 */
final class SendDigest {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    private final IMMsgData message;
    private String content;

    private SendDigest(IMMsgData message) {
        this.message = message;
    }

    /** The digests of one message; its content is hashed on first use. */
    static SendDigest of(IMMsgData message) {
        return new SendDigest(message);
    }

    /** Conversation and content, for a resend on the same connection with the same seq (the time may be new). */
    String conversationAndContent() {
        return Integer.toUnsignedString(message.getToSessionId()) + ':' + message.getMsgType().getNumber() + ':'
                + content();
    }

    /** The client's create_time and content, for a resend from anywhere (the conversation is in the key). */
    String createTimeAndContent() {
        return Integer.toUnsignedString(message.getCreateTime()) + ':' + message.getMsgType().getNumber() + ':'
                + content();
    }

    private String content() {
        if (content == null) {
            MessageDigest sha = SHA_256.get();
            sha.reset();
            sha.update(message.getMsgData().asReadOnlyByteBuffer());
            content = HEX.formatHex(sha.digest(), 0, 16);
        }
        return content;
    }
}
