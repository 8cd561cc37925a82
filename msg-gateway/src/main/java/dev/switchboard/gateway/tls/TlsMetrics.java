package dev.switchboard.gateway.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The client port's TLS meters ({@code im.gateway.tls.*}), registered only when TLS is enabled; every one that an
 * alert rates exists from startup at zero.
 * <ul>
 *   <li>{@code im.gateway.tls.handshake.failures{reason}}: {@code not_tls} (plain TCP, e.g. a TeamTalk client, on the
 *   TLS port), {@code timeout}, {@code closed} (the peer left mid-handshake), {@code protocol} (no common version or
 *   cipher, the client rejected the certificate, ...); each such connection is closed</li>
 *   <li>{@code im.gateway.tls.reloads{result}}: {@code ok} (new certificate in use), {@code failed} (old one kept)</li>
 *   <li>{@code im.gateway.tls.certificate.expiry}: the server certificate's notAfter, in seconds since the epoch
 *   (alert on {@code im_gateway_tls_certificate_expiry_seconds - time() < 14 * 86400})</li>
 * </ul>
 */
final class TlsMetrics {

    static final List<String> FAILURE_REASONS = List.of("not_tls", "timeout", "closed", "protocol");

    private final MeterRegistry registry;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    TlsMetrics(MeterRegistry registry, Supplier<X509Certificate> certificate) {
        this.registry = registry;
        FAILURE_REASONS.forEach(this::failureCounter);
        reloadCounter("ok");
        reloadCounter("failed");
        Gauge.builder("im.gateway.tls.certificate.expiry", certificate,
                        current -> current.get().getNotAfter().getTime() / 1000.0)
                .description("the client port's certificate expires then (seconds since the epoch)")
                .baseUnit("seconds").strongReference(true).register(registry);
    }

    void handshakeFailed(String reason) {
        failureCounter(reason).increment();
    }

    void reloaded(boolean ok) {
        reloadCounter(ok ? "ok" : "failed").increment();
    }

    private Counter failureCounter(String reason) {
        return failures.computeIfAbsent(reason, key -> Counter.builder("im.gateway.tls.handshake.failures")
                .description("client connections closed because their TLS handshake failed")
                .tag("reason", key).register(registry));
    }

    private Counter reloadCounter(String result) {
        return Counter.builder("im.gateway.tls.reloads").description("certificate reloads of the client port")
                .tag("result", result).register(registry);
    }
}
