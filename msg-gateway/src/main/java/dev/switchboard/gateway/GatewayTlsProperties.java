package dev.switchboard.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * TLS on the TeamTalk client port ({@code switchboard.gateway.tls.*}). Off by default: TeamTalk's own clients speak
 * plain TCP only, so a TLS port serves only clients that speak TLS (the project's client with {@code --tls}, or a
 * TeamTalk client behind a local TLS tunnel). One port is either TLS or plain, never both.
 *
 * @param enabled          wrap every client connection in TLS; default false
 * @param certificate      PEM file with the server certificate first, then any intermediate CA certificates
 *                         ({@code -----BEGIN CERTIFICATE-----} blocks); required when enabled
 * @param privateKey       PEM file with the certificate's private key: PKCS#8 ({@code BEGIN PRIVATE KEY}, or
 *                         {@code BEGIN ENCRYPTED PRIVATE KEY} with {@code private-key-password}; RSA, EC or
 *                         Ed25519), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, cert-manager's default) or SEC1
 *                         ({@code BEGIN EC PRIVATE KEY}). OpenSSL's legacy encryption of the last two
 *                         ({@code Proc-Type: 4,ENCRYPTED}) is refused with a message: convert such a key with
 *                         {@code openssl pkcs8 -topk8 -v2 aes-256-cbc}. Required when enabled
 * @param privateKeyPassword password of an encrypted PKCS#8 key; empty for a plain one. Never logged
 * @param reloadInterval   how often the two files are read again: when their content changed and the new pair is
 *                         valid, new connections get it (open ones keep theirs); an invalid pair is logged, counted
 *                         ({@code im.gateway.tls.reloads{result=failed}}) and the old one stays. Default 30s; 0
 *                         disables reloading
 * @param protocols        TLS versions offered; default {@code TLSv1.3,TLSv1.2}
 * @param handshakeTimeout a connection whose TLS handshake has not completed by then is closed and counted
 *                         ({@code im.gateway.tls.handshake.failures{reason=timeout}}); default 10s
 */
@ConfigurationProperties("switchboard.gateway.tls")
public record GatewayTlsProperties(
        @DefaultValue("false") boolean enabled,
        Path certificate,
        Path privateKey,
        String privateKeyPassword,
        @DefaultValue("30s") Duration reloadInterval,
        @DefaultValue({"TLSv1.3", "TLSv1.2"}) List<String> protocols,
        @DefaultValue("10s") Duration handshakeTimeout) {

    public GatewayTlsProperties {
        if (enabled && (certificate == null || privateKey == null)) {
            throw new IllegalArgumentException("switchboard.gateway.tls.enabled=true needs "
                    + "switchboard.gateway.tls.certificate and switchboard.gateway.tls.private-key (PEM files)");
        }
        if (reloadInterval.isNegative()) {
            throw new IllegalArgumentException("switchboard.gateway.tls.reload-interval: " + reloadInterval
                    + " (expected: >= 0)");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("switchboard.gateway.tls.handshake-timeout: " + handshakeTimeout
                    + " (expected: > 0)");
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("switchboard.gateway.tls.protocols: empty (expected: e.g. TLSv1.3)");
        }
        privateKeyPassword = privateKeyPassword == null || privateKeyPassword.isEmpty() ? null : privateKeyPassword;
        protocols = List.copyOf(protocols);
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "GatewayTlsProperties[enabled=" + enabled + ", certificate=" + certificate + ", privateKey="
                + privateKey + ", privateKeyPassword=" + (privateKeyPassword == null ? "" : "******")
                + ", reloadInterval=" + reloadInterval + ", protocols=" + protocols + ", handshakeTimeout="
                + handshakeTimeout + "]";
    }
}
