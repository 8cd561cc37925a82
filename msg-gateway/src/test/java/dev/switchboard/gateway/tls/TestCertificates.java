package dev.switchboard.gateway.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** Self-signed certificates made at test time (BouncyCastle builds them; the gateway reads them with the JDK). */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /**
     * A key pair and its self-signed certificate for {@code CN=<commonName>} naming {@code localhost} and
     * {@code 127.0.0.1} (so clients that check the host accept it), with a new serial number.
     */
    record Issued(X509Certificate certificate, KeyPair keys) {

        BigInteger serial() {
            return certificate.getSerialNumber();
        }

        String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        /** PKCS#8, unencrypted. */
        String keyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        /** PKCS#8 encrypted with PBES2 (AES-256-CBC, HMAC-SHA256), as {@code openssl pkcs8 -topk8 -v2 aes256}. */
        String encryptedKeyPem(String password) {
            try {
                PemObject encrypted = new JcaPKCS8Generator(keys.getPrivate(),
                        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                                .setProvider(new BouncyCastleProvider()) // not installed: the gateway decrypts with the JDK alone
                                .setPassword(password.toCharArray()).build()).generate();
                return pem(encrypted.getType(), encrypted.getContent());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * OpenSSL's traditional form: PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}; with a password,
         * encrypted the legacy way ({@code Proc-Type: 4,ENCRYPTED}).
         */
        String traditionalKeyPem(String password) {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                if (password == null) {
                    writer.writeObject(keys.getPrivate());
                } else {
                    writer.writeObject(keys.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC")
                            .setProvider(new BouncyCastleProvider()).build(password.toCharArray()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }

        /** Writes the certificate and the key files (atomically each, as a Kubernetes Secret update does). */
        void writeTo(Path certificateFile, Path keyFile) {
            write(certificateFile, certificatePem());
            write(keyFile, keyPem());
        }
    }

    static Issued issue(String commonName) {
        return issue(commonName, "EC");
    }

    /** {@code algorithm}: EC (P-256) or RSA (2048). */
    static Issued issue(String commonName, String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                            name, keys.getPublic())
                            .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                                    new GeneralName(GeneralName.dNSName, "localhost"),
                                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                            .build(new JcaContentSignerBuilder(algorithm.equals("RSA") ? "SHA256withRSA"
                                    : "SHA256withECDSA").build(keys.getPrivate())));
            return new Issued(certificate, keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context that trusts exactly these certificates. */
    static SSLContext trusting(X509Certificate... certificates) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (int i = 0; i < certificates.length; i++) {
                trusted.setCertificateEntry("trusted-" + i, certificates[i]);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the file's content in one step: a reader sees the old or the new file, never half of one. */
    static void write(Path file, String content) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), ".tmp", "");
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
