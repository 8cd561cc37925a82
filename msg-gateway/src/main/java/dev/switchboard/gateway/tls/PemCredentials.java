package dev.switchboard.gateway.tls;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and its private key read from two PEM files, checked to belong together.
 *
 * @param chain       the server certificate first
 * @param key         its private key
 * @param fingerprint SHA-256 over both files' bytes: tells a reload whether anything changed
 */
record PemCredentials(X509Certificate[] chain, PrivateKey key, String fingerprint) {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** PKCS#5 v2 (PBES2): the JDK names the cipher through the parameters, not the algorithm. */
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";

    /** The server certificate. */
    X509Certificate certificate() {
        return chain[0];
    }

    /**
     * Reads and checks both files.
     *
     * @throws InvalidCredentialsException naming the file and what is wrong with it
     */
    static PemCredentials read(Path certificateFile, Path keyFile, String password) {
        byte[] certificateBytes = readFile("certificate", certificateFile);
        byte[] keyBytes = readFile("private-key", keyFile);
        X509Certificate[] chain = certificates(certificateFile, certificateBytes);
        PrivateKey key = privateKey(keyFile, keyBytes, password, chain[0].getPublicKey());
        checkPair(certificateFile, keyFile, chain[0].getPublicKey(), key);
        return new PemCredentials(chain, key, fingerprint(certificateBytes, keyBytes));
    }

    /** SHA-256 over both files' bytes, as {@link #fingerprint()}; throws like {@link #read}. */
    static String fingerprint(Path certificateFile, Path keyFile) {
        return fingerprint(readFile("certificate", certificateFile), readFile("private-key", keyFile));
    }

    private static byte[] readFile(String property, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidCredentialsException("switchboard.gateway.tls." + property + ": cannot read " + file
                    + ": " + e, e);
        }
    }

    private static X509Certificate[] certificates(Path file, byte[] bytes) {
        try {
            X509Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            if (chain.length == 0) {
                throw new InvalidCredentialsException(file + ": no certificate (expected: PEM "
                        + "-----BEGIN CERTIFICATE----- blocks, the server certificate first)");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new InvalidCredentialsException(file + ": not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file, byte[] bytes, String password, PublicKey publicKey) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new InvalidCredentialsException(file + ": OpenSSL's legacy key encryption is not supported "
                    + "(expected: PKCS#8; convert with openssl pkcs8 -topk8 -v2 aes-256-cbc -in "
                    + file.getFileName() + " -out tls.key)");
        }
        String algorithm = publicKey.getAlgorithm();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String label = block.group(1);
            if (!label.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            try {
                return switch (label) {
                    case "PRIVATE KEY" -> KeyFactory.getInstance(algorithm)
                            .generatePrivate(new PKCS8EncodedKeySpec(der));
                    case "ENCRYPTED PRIVATE KEY" -> decrypt(file, der, password, algorithm);
                    case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(TraditionalKeys.rsa(der));
                    case "EC PRIVATE KEY" -> {
                        if (!(publicKey instanceof ECPublicKey ec)) {
                            throw new InvalidCredentialsException(file + " holds an EC key, but the certificate's key "
                                    + "is " + algorithm);
                        }
                        yield KeyFactory.getInstance("EC").generatePrivate(TraditionalKeys.ec(der, ec.getParams()));
                    }
                    default -> throw new InvalidCredentialsException(file + ": " + label + " is not supported "
                            + "(expected: BEGIN PRIVATE KEY, PKCS#8; convert with "
                            + "openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out tls.key)");
                };
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new InvalidCredentialsException(file + ": cannot read the " + algorithm
                        + " private key (does it belong to the certificate? is the password right?): " + e, e);
            } finally {
                Arrays.fill(der, (byte) 0);
            }
        }
        throw new InvalidCredentialsException(file + ": no private key (expected: PEM -----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey decrypt(Path file, byte[] der, String password, String algorithm)
            throws GeneralSecurityException {
        if (password == null) {
            throw new InvalidCredentialsException(file + ": the key is encrypted "
                    + "(expected: switchboard.gateway.tls.private-key-password)");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters parameters = info.getAlgParameters();
            String cipherName = info.getAlgName().equals(PBES2_OID) || info.getAlgName().equals("PBES2")
                    ? parameters.toString() : info.getAlgName();
            Cipher cipher = Cipher.getInstance(cipherName);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(cipherName)
                    .generateSecret(new PBEKeySpec(password.toCharArray())), parameters);
            return KeyFactory.getInstance(algorithm).generatePrivate(info.getKeySpec(cipher));
        } catch (IOException e) {
            throw new InvalidCredentialsException(file + ": not an encrypted PKCS#8 key: " + e.getMessage(), e);
        }
    }

    /** Signs a random challenge with the key and verifies it with the certificate's public key. */
    private static void checkPair(Path certificateFile, Path keyFile, PublicKey publicKey, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return; // another algorithm (RSASSA-PSS, ...): the handshake will tell
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw new InvalidCredentialsException(keyFile + " is not the private key of the certificate in "
                        + certificateFile);
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidCredentialsException(keyFile + " does not match the certificate in " + certificateFile
                    + ": " + e, e);
        }
    }

    private static String fingerprint(byte[] certificateBytes, byte[] keyBytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(certificateBytes);
            digest.update(keyBytes);
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** The files are missing, unreadable, malformed or do not belong together. */
    static final class InvalidCredentialsException extends RuntimeException {
        InvalidCredentialsException(String message) {
            super(message);
        }

        InvalidCredentialsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
