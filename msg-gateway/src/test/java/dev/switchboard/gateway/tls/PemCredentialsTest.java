package dev.switchboard.gateway.tls;

import dev.switchboard.gateway.tls.PemCredentials.InvalidCredentialsException;
import dev.switchboard.gateway.tls.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the gateway accepts as certificate and key files, and what it says about the rest. */
class PemCredentialsTest {

    @TempDir
    Path directory;

    private Path certificate() {
        return directory.resolve("tls.crt");
    }

    private Path key() {
        return directory.resolve("tls.key");
    }

    @Test
    void readsAnEcCertificateAndItsPkcs8Key() {
        Issued issued = TestCertificates.issue("ec.example");
        issued.writeTo(certificate(), key());

        PemCredentials credentials = PemCredentials.read(certificate(), key(), null);

        assertThat(credentials.certificate()).isEqualTo(issued.certificate());
        assertThat(credentials.key().getEncoded()).isEqualTo(issued.keys().getPrivate().getEncoded());
        assertThat(credentials.fingerprint()).isEqualTo(PemCredentials.fingerprint(certificate(), key()));
    }

    @Test
    void readsAnRsaCertificateWithItsChainAndKey() {
        Issued server = TestCertificates.issue("rsa.example", "RSA");
        Issued other = TestCertificates.issue("intermediate.example");
        TestCertificates.write(certificate(), server.certificatePem() + other.certificatePem());
        TestCertificates.write(key(), server.keyPem());

        PemCredentials credentials = PemCredentials.read(certificate(), key(), null);

        assertThat(credentials.chain()).containsExactly(server.certificate(), other.certificate());
    }

    @Test
    void readsAnEncryptedPkcs8KeyWithItsPassword() {
        Issued issued = TestCertificates.issue("encrypted.example");
        TestCertificates.write(certificate(), issued.certificatePem());
        TestCertificates.write(key(), issued.encryptedKeyPem("s3cret"));

        assertThat(PemCredentials.read(certificate(), key(), "s3cret").key().getEncoded())
                .isEqualTo(issued.keys().getPrivate().getEncoded());
        assertThatThrownBy(() -> PemCredentials.read(certificate(), key(), "wrong"))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> PemCredentials.read(certificate(), key(), null))
                .hasMessageContaining("encrypted").hasMessageContaining("private-key-password");
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        TestCertificates.write(certificate(), TestCertificates.issue("one.example").certificatePem());
        TestCertificates.write(key(), TestCertificates.issue("two.example").keyPem());

        assertThatThrownBy(() -> PemCredentials.read(certificate(), key(), null))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("is not the private key of the certificate");
    }

    @Test
    void refusesAKeyOfAnotherAlgorithm() {
        TestCertificates.write(certificate(), TestCertificates.issue("ec.example").certificatePem());
        TestCertificates.write(key(), TestCertificates.issue("rsa.example", "RSA").keyPem());

        assertThatThrownBy(() -> PemCredentials.read(certificate(), key(), null))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("belong to the certificate");
    }

    @Test
    void namesAMissingFile() {
        TestCertificates.issue("a.example").writeTo(certificate(), key());
        Path missing = directory.resolve("missing.key");

        assertThatThrownBy(() -> PemCredentials.read(certificate(), missing, null))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("switchboard.gateway.tls.private-key").hasMessageContaining("missing.key");
    }

    @Test
    void readsOpenSslsTraditionalRsaAndEcKeys() {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            Issued issued = TestCertificates.issue("traditional.example", algorithm);
            TestCertificates.write(certificate(), issued.certificatePem());
            String pem = issued.traditionalKeyPem(null);
            assertThat(pem).startsWith("-----BEGIN " + algorithm + " PRIVATE KEY-----");
            TestCertificates.write(key(), pem);

            assertThat(PemCredentials.read(certificate(), key(), null).key().getEncoded())
                    .isEqualTo(issued.keys().getPrivate().getEncoded());
        }
    }

    @Test
    void explainsHowToConvertALegacyEncryptedKey() {
        Issued issued = TestCertificates.issue("a.example", "RSA");
        TestCertificates.write(certificate(), issued.certificatePem());
        TestCertificates.write(key(), issued.traditionalKeyPem("s3cret"));

        assertThatThrownBy(() -> PemCredentials.read(certificate(), key(), "s3cret"))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("legacy key encryption").hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void refusesAMalformedTraditionalKeyAndAnUnknownKind() {
        TestCertificates.write(certificate(), TestCertificates.issue("a.example").certificatePem());
        TestCertificates.write(key(), "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemCredentials.read(certificate(), key(), null))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("malformed key");

        TestCertificates.write(key(), "-----BEGIN DSA PRIVATE KEY-----\nMAA=\n-----END DSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemCredentials.read(certificate(), key(), null))
                .hasMessageContaining("DSA PRIVATE KEY is not supported").hasMessageContaining("PKCS#8");
    }

    @Test
    void refusesFilesWithoutPem() {
        TestCertificates.write(certificate(), "not a certificate");
        TestCertificates.write(key(), TestCertificates.issue("a.example").keyPem());

        assertThatThrownBy(() -> PemCredentials.read(certificate(), key(), null))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("tls.crt");

        TestCertificates.issue("a.example").writeTo(certificate(), key());
        TestCertificates.write(key(), "no key here");
        assertThatThrownBy(() -> PemCredentials.read(certificate(), key(), null))
                .hasMessageContaining("no private key");
    }
}
