package dev.switchboard.store;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stored credentials. A TeamTalk client sends {@code md5hex(password)}, which is therefore password-equivalent, so
 * what Switchboard stores is derived from that digest:
 * <ul>
 *   <li>{@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}: PBKDF2-HMAC-SHA256 of the digest with a random
 *       16-byte salt, for every user Switchboard creates;</li>
 *   <li>{@code teamtalk-md5$<salt>$<md5hex>}: TeamTalk's own {@code md5hex(digest + salt)} row, for users imported
 *       from a TeamTalk database (PROTOCOL.md §8.1).</li>
 * </ul>
 * Comparisons are constant-time.
 */
public final class Credentials {

    /** Default PBKDF2 iteration count: a few milliseconds per login on one core. */
    public static final int DEFAULT_ITERATIONS = 20_000;

    private static final String PBKDF2 = "pbkdf2-sha256";
    private static final String TEAMTALK = "teamtalk-md5";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {
    }

    /** The stored form of a new user's credential, from the md5hex digest a TeamTalk client sends. */
    public static String hash(String md5hex, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(normalize(md5hex), salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PBKDF2 + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** The stored form of a user imported from TeamTalk's IMUser table ({@code password}, {@code salt} columns). */
    public static String teamTalk(String salt, String passwordColumn) {
        return TEAMTALK + "$" + salt + "$" + passwordColumn.toLowerCase(Locale.ROOT);
    }

    /** md5hex of a plain password, as TeamTalk clients compute it before sending. */
    public static String md5hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the digest a client sent matches the stored credential. Unknown formats never match. */
    public static boolean matches(String stored, String md5hex) {
        if (stored == null || md5hex == null) {
            return false;
        }
        try {
            return matchesParsed(stored.split("\\$"), md5hex);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static boolean matchesParsed(String[] parts, String md5hex) {
        if (parts.length == 4 && parts[0].equals(PBKDF2)) {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            byte[] actual = pbkdf2(normalize(md5hex), salt, Integer.parseInt(parts[1]));
            return MessageDigest.isEqual(expected, actual);
        }
        if (parts.length == 3 && parts[0].equals(TEAMTALK)) {
            String actual = md5hex(md5hex + parts[1]);
            return MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.US_ASCII),
                    actual.getBytes(StandardCharsets.US_ASCII));
        }
        return false;
    }

    /** Whether the stored credential should be re-hashed to the current scheme on the next successful login. */
    public static boolean needsUpgrade(String stored) {
        return stored == null || !stored.startsWith(PBKDF2 + "$");
    }

    private static String normalize(String md5hex) {
        return md5hex.toLowerCase(Locale.ROOT);
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
