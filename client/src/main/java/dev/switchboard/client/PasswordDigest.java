package dev.switchboard.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What TeamTalk clients send as {@code IMLoginReq.password}: the lowercase hex MD5 of the plain password (§8.1). */
public final class PasswordDigest {

    private PasswordDigest() {
    }

    /** The lowercase hex MD5 of {@code password}. */
    public static String md5Hex(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("md5 unavailable", e);
        }
    }
}
