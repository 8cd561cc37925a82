package dev.switchboard.gateway;

import dev.switchboard.gateway.session.SessionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

/** The gateway beans the benchmarks need, made as Spring would make them but without a context. */
public final class BenchmarkGateway {

    private BenchmarkGateway() {
    }

    /** {@code switchboard.gateway.*} with every default, bound by Spring's binder from the record's annotations. */
    public static GatewayProperties defaultProperties() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("switchboard.gateway", GatewayProperties.class);
    }

    /** The gateway's meters on an in-memory registry. */
    public static GatewayMetrics metrics(SessionRegistry sessions) {
        return new GatewayMetrics(new SimpleMeterRegistry(), sessions);
    }
}
