package dev.switchboard.client;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import java.nio.file.Path;

/**
 * Which gateway certificates a TLS connection accepts ({@code switchboard.gateway.tls.enabled} on the gateway).
 * Built once, used for any number of connections. TeamTalk's own servers and clients speak plain TCP: pass no
 * {@code TlsTrust} to {@link TeamTalkClient#connect(String, int, java.time.Duration, TlsTrust)} for them.
 */
public final class TlsTrust {

    private final SslContext context;

    private TlsTrust(SslContext context) {
        this.context = context;
    }

    /** The JDK's default trust store (public CAs); the certificate must name the host connected to. */
    public static TlsTrust system() {
        return build(SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS"));
    }

    /**
     * The certificates in a PEM file (a private CA, or the gateway's self-signed certificate itself); the gateway's
     * certificate must name the host connected to (subject alternative name, DNS or IP).
     */
    public static TlsTrust pem(Path certificates) {
        SslContextBuilder builder;
        try {
            builder = SslContextBuilder.forClient().trustManager(certificates.toFile());
        } catch (IllegalArgumentException e) {
            throw new TeamTalkClientException("cannot set up TLS: " + e.getMessage(), e);
        }
        return build(builder.endpointIdentificationAlgorithm("HTTPS"));
    }

    /** Any certificate, for any host: encrypts but does not authenticate the gateway. For tests only. */
    public static TlsTrust insecure() {
        return build(SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null));
    }

    SslHandler newHandler(ByteBufAllocator allocator, String host, int port) {
        return context.newHandler(allocator, host, port);
    }

    private static TlsTrust build(SslContextBuilder builder) {
        try {
            return new TlsTrust(builder.sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new TeamTalkClientException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
