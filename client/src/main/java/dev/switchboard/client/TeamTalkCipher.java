package dev.switchboard.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * TeamTalk's text payload scheme (PROTOCOL.md §9): {@code msg_data = base64(AES-256-ECB(padded plaintext))}, with the
 * fixed key {@code "12345678901234567890123456789012"} that TeamTalk's clients and servers hard-code.
 *
 * <pre>
 * plaintext (UTF-8, n bytes)          zeros               n as uint32 BE
 * +-----------------------------------+-------------------+-------------+
 * | p0 p1 ... p(n-1)                  | 00 ... 00         | nn nn nn nn |
 * +-----------------------------------+-------------------+-------------+
 * |&lt;------------------ blocks * 16 bytes, then AES-ECB, NoPadding ----&gt;|
 * blocks = ceil(n / 16), plus one when n % 16 == 0 or n % 16 &gt; 12 (so the length always fits)
 * </pre>
 *
 * <p>This is obfuscation, not security: the key is public. The layout follows {@code CAes::Encrypt} in TeamTalk's
 * {@code server/src/base/EncDec.cpp}, whose ciphertexts this class decrypts.
 */
public final class TeamTalkCipher {

    private static final int BLOCK = 16;
    private static final int LENGTH_FIELD = 4;
    private static final SecretKeySpec KEY =
            new SecretKeySpec("12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII), "AES");

    private TeamTalkCipher() {
    }

    /** Encrypts {@code text} (UTF-8) into the base64 ASCII bytes that go into {@code IMMsgData.msg_data}. */
    public static byte[] encrypt(String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[paddedLength(plain.length)];
        System.arraycopy(plain, 0, padded, 0, plain.length);
        ByteBuffer.wrap(padded).putInt(padded.length - LENGTH_FIELD, plain.length);
        return Base64.getEncoder().encode(aes(Cipher.ENCRYPT_MODE, padded));
    }

    /**
     * Decrypts {@code msgData}; empty when it is not a TeamTalk ciphertext: not base64, a decoded length that is zero
     * or not a multiple of 16, or a stored plaintext length that does not fit before the length field.
     */
    public static Optional<String> decrypt(byte[] msgData) {
        byte[] encrypted;
        try {
            encrypted = Base64.getDecoder().decode(msgData);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (encrypted.length == 0 || encrypted.length % BLOCK != 0) {
            return Optional.empty();
        }
        byte[] padded = aes(Cipher.DECRYPT_MODE, encrypted);
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(padded).getInt(padded.length - LENGTH_FIELD));
        if (length > padded.length - LENGTH_FIELD) {
            return Optional.empty();
        }
        return Optional.of(new String(Arrays.copyOf(padded, (int) length), StandardCharsets.UTF_8));
    }

    /** The padded buffer length for a plaintext of {@code length} bytes, as {@code CAes::Encrypt} computes it. */
    static int paddedLength(int length) {
        int blocks = (length + BLOCK - 1) / BLOCK;
        int remainder = length % BLOCK;
        if (remainder == 0 || remainder > BLOCK - LENGTH_FIELD) {
            blocks++;
        }
        return blocks * BLOCK;
    }

    private static byte[] aes(int mode, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, KEY);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("aes-256-ecb unavailable", e);
        }
    }
}
