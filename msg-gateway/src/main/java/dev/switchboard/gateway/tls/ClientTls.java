package dev.switchboard.gateway.tls;

import dev.switchboard.gateway.GatewayTlsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import javax.net.ssl.SSLException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TLS of the client port ({@link GatewayTlsProperties}). When enabled, every new connection starts with an
 * {@link SslHandler} built from the current certificate; the PEM files are read again every reload interval and a
 * changed, valid pair replaces the current one atomically (connections already open keep the one they shook hands
 * with). Invalid files at startup fail the start; at a reload they are logged and counted, and the old pair stays.
 */
@Component
public final class ClientTls implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClientTls.class);

    private final GatewayTlsProperties properties;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final TlsMetrics metrics;
    private final ScheduledExecutorService reloader;
    /** The content that failed the last reload: not tried, logged or counted again until it changes. */
    private volatile String failedFingerprint;

    /** A built context and what it was built from. */
    private record Loaded(SslContext context, PemCredentials credentials) {
    }

    ClientTls(GatewayTlsProperties properties, MeterRegistry registry) {
        this.properties = properties;
        if (!properties.enabled()) {
            metrics = null;
            reloader = null;
            return;
        }
        try {
            current.set(load(read()));
        } catch (RuntimeException | SSLException e) {
            throw new IllegalStateException("switchboard.gateway.tls: cannot use the certificate and key: "
                    + e.getMessage(), e);
        }
        metrics = new TlsMetrics(registry, () -> current.get().credentials().certificate());
        log.info("client port tls enabled {}", describe(current.get().credentials()));
        if (properties.reloadInterval().isZero()) {
            reloader = null;
            return;
        }
        reloader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gateway-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.reloadInterval().toMillis();
        reloader.scheduleWithFixedDelay(this::reload, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Adds the TLS handlers to a new client connection's pipeline, when TLS is enabled: call before any other
     * handler is added.
     */
    public void addHandlers(SocketChannel channel) {
        Loaded loaded = current.get();
        if (loaded == null) {
            return;
        }
        SslHandler ssl = loaded.context().newHandler(channel.alloc());
        ssl.setHandshakeTimeoutMillis(properties.handshakeTimeout().toMillis());
        channel.pipeline().addLast("tls", ssl).addLast("tls-handshake", new TlsHandshakeHandler(metrics));
    }

    /**
     * Reads the files again; when their content changed, builds and swaps in the new context. Never throws: a
     * failure is logged and counted once per bad content (a missing file once per disappearance) and the current
     * context stays. Runs on the reload thread only.
     */
    void reload() {
        String fingerprint = "unreadable";
        try {
            fingerprint = PemCredentials.fingerprint(properties.certificate(), properties.privateKey());
            if (fingerprint.equals(current.get().credentials().fingerprint())) {
                failedFingerprint = null; // back to what is in use
                return;
            }
            if (fingerprint.equals(failedFingerprint)) {
                return;
            }
            Loaded loaded = load(read());
            current.set(loaded);
            failedFingerprint = null;
            metrics.reloaded(true);
            log.info("client port tls certificate reloaded {}", describe(loaded.credentials()));
        } catch (RuntimeException | SSLException e) {
            if (!fingerprint.equals(failedFingerprint)) {
                failedFingerprint = fingerprint;
                metrics.reloaded(false);
                log.error("client port tls reload failed, keeping the current certificate: {}", e.getMessage());
            }
        }
    }

    private PemCredentials read() {
        return PemCredentials.read(properties.certificate(), properties.privateKey(), properties.privateKeyPassword());
    }

    private Loaded load(PemCredentials credentials) throws SSLException {
        SslContext context = SslContextBuilder.forServer(credentials.key(), credentials.chain())
                .sslProvider(SslProvider.JDK)
                .protocols(properties.protocols())
                .build();
        ReferenceCountUtil.release(context.newEngine(ByteBufAllocator.DEFAULT)); // fails on an unknown protocol
        if (credentials.certificate().getNotAfter().before(new Date())) {
            log.warn("client port tls certificate has expired: clients will refuse it {}", describe(credentials));
        }
        return new Loaded(context, credentials);
    }

    private static String describe(PemCredentials credentials) {
        X509Certificate certificate = credentials.certificate();
        return "subject=\"%s\" serial=%s notAfter=%s".formatted(certificate.getSubjectX500Principal().getName(),
                certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
    }

    @Override
    public void destroy() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }
}
