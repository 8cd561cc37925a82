package dev.switchboard.gateway.tls;

import dev.switchboard.gateway.GatewayTlsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A gateway with TLS enabled and unusable files does not start, and says why; a reload counts each change of the
 * files once. (Connections over TLS: {@link ClientTlsTest}.)
 */
class ClientTlsStartupTest {

    @TempDir
    Path directory;

    private GatewayTlsProperties properties(Path certificate, Path key, List<String> protocols) {
        return new GatewayTlsProperties(true, certificate, key, null, Duration.ZERO, protocols, Duration.ofSeconds(10));
    }

    @Test
    void startsWithAValidPairAndCountsNothing() {
        Path certificate = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificates.issue("ok.example").writeTo(certificate, key);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        ClientTls tls = new ClientTls(properties(certificate, key, List.of("TLSv1.3", "TLSv1.2")), registry);

        assertThat(registry.get("im.gateway.tls.certificate.expiry").gauge().value()).isPositive();
        assertThat(registry.get("im.gateway.tls.reloads").tag("result", "failed").counter().count()).isZero();
        tls.destroy();
    }

    @Test
    void countsEachBadChangeOnceAndTakesTheNextGoodOne() {
        Path certificate = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificates.issue("ok.example").writeTo(certificate, key);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClientTls tls = new ClientTls(properties(certificate, key, List.of("TLSv1.3")), registry);

        tls.reload(); // nothing changed
        TestCertificates.write(key, TestCertificates.issue("stranger.example").keyPem());
        tls.reload();
        tls.reload(); // the same bad files: not counted again
        TestCertificates.issue("renewed.example").writeTo(certificate, key);
        tls.reload();

        assertThat(registry.get("im.gateway.tls.reloads").tag("result", "failed").counter().count()).isEqualTo(1);
        assertThat(registry.get("im.gateway.tls.reloads").tag("result", "ok").counter().count()).isEqualTo(1);
    }

    @Test
    void refusesToStartWithoutItsFiles() {
        Path certificate = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificates.issue("ok.example").writeTo(certificate, key);

        assertThatThrownBy(() -> new ClientTls(properties(certificate, directory.resolve("absent.key"),
                List.of("TLSv1.3")), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("switchboard.gateway.tls: cannot use the certificate and key")
                .hasMessageContaining("absent.key");
    }

    @Test
    void refusesToStartWithMismatchedFiles() {
        Path certificate = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificates.issue("one.example").writeTo(certificate, directory.resolve("one.key"));
        TestCertificates.issue("two.example").writeTo(directory.resolve("two.crt"), key);

        assertThatThrownBy(() -> new ClientTls(properties(certificate, key, List.of("TLSv1.3")),
                new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not the private key");
    }

    @Test
    void refusesToStartWithAnUnknownProtocol() {
        Path certificate = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        TestCertificates.issue("ok.example").writeTo(certificate, key);

        assertThatThrownBy(() -> new ClientTls(properties(certificate, key, List.of("TLSv9")),
                new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TLSv9");
    }

    @Test
    void refusesEnabledWithoutFilesAtBinding() {
        assertThatThrownBy(() -> properties(null, null, List.of("TLSv1.3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("switchboard.gateway.tls.certificate");
    }
}
