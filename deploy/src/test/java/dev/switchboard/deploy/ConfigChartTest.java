package dev.switchboard.deploy;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.presence.PresenceProperties;
import dev.switchboard.route.RouteProperties;
import dev.switchboard.route.history.HistoryProperties;
import dev.switchboard.store.DevicePolicy;
import dev.switchboard.store.StatusMode;
import dev.switchboard.store.StatusProperties;
import dev.switchboard.store.StoreProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's values reach the services' own properties records, read as the services read them. */
class ConfigChartTest {

    private final RenderedChart policies = Chart.render("policies");

    @Test
    void policiesReachEveryServiceThatReadsThem() {
        PodConfig gateway = Pods.gateway(policies, 0);
        PodConfig presence = Pods.presence(policies, Map.of());

        assertThat(gateway.bind("switchboard", StatusProperties.class).statusMode()).isEqualTo(StatusMode.ACCURATE);
        assertThat(presence.bind("switchboard", StatusProperties.class).statusMode()).isEqualTo(StatusMode.ACCURATE);
        PresenceProperties presenceProperties = presence.bind("switchboard.presence", PresenceProperties.class);
        assertThat(presenceProperties.devicePolicy()).isEqualTo(DevicePolicy.SINGLE);
        assertThat(presenceProperties.demoUsers()).isEqualTo(10);
        for (PodConfig config : new PodConfig[] {gateway, presence, Pods.route(policies, Map.of())}) {
            assertThat(config.bind("switchboard.redis", StoreProperties.class).keyPrefix()).isEqualTo("im:");
        }
    }

    @Test
    void aServicesConfigValuesOverrideWhatTheChartSets() {
        GatewayProperties gateway = Pods.gateway(policies, 0).bind("switchboard.gateway", GatewayProperties.class);

        assertThat(gateway.maxConnections()).isEqualTo(5000);
        assertThat(gateway.pcIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(gateway.messagesPerSecond()).isEqualTo(50);
    }

    @Test
    void routeServiceRunsOneListenerThreadPerPartitionUnlessToldOtherwise() {
        assertThat(Pods.route(Chart.render(), Map.of()).property("spring.kafka.listener.concurrency", Integer.class))
                .isEqualTo(4);
        assertThat(Pods.route(Chart.render("existing-secrets"), Map.of("redis", Map.of("redis-password", "x"),
                "switchboard", Map.of("password", "y"), "switchboard-db-app", Map.of("password", "z")))
                .property("spring.kafka.listener.concurrency", Integer.class)).isEqualTo(12);
        assertThat(Pods.route(policies, Map.of()).property("spring.kafka.listener.concurrency", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void theDefaultsKeepTheServicesOwnDefaults() {
        RenderedChart defaults = Chart.render();
        GatewayProperties gateway = Pods.gateway(defaults, 0).bind("switchboard.gateway", GatewayProperties.class);
        PresenceProperties presence = Pods.presence(defaults, Map.of()).bind("switchboard.presence",
                PresenceProperties.class);

        assertThat(gateway.maxConnections()).isEqualTo(100000);
        assertThat(gateway.messagesPerSecond()).isEqualTo(20);
        assertThat(presence.devicePolicy()).isEqualTo(DevicePolicy.TEAMTALK);
        assertThat(presence.demoUsers()).isZero();
        assertThat(presence.msfs()).isEqualTo("http://127.0.0.1:8700/");
        assertThat(Pods.route(defaults, Map.of()).bind("switchboard.route", RouteProperties.class).mode())
                .isEqualTo(RouteProperties.Mode.TARGETED);
        assertThat(Pods.gateway(defaults, 0).property("spring.kafka.bootstrap-servers")).isEqualTo("kafka:9092");
        assertThat(Pods.gateway(defaults, 0).property("spring.kafka.producer.acks")).isEqualTo("all");
        assertThat(Pods.route(defaults, Map.of()).bind("switchboard.history", HistoryProperties.class))
                .isEqualTo(new HistoryProperties(100, Duration.ofDays(7)));
        assertThat(Pods.route(defaults, Map.of()).property("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://postgresql:5432/switchboard");
        assertThat(Pods.gateway(defaults, 0).property("spring.datasource.url")).as("no replica: the primary")
                .isEqualTo("jdbc:postgresql://postgresql:5432/switchboard");
    }

    @Test
    void everyServiceHaltsItselfFiveSecondsBeforeKubernetesWouldKillIt() {
        RenderedChart defaults = Chart.render();

        // terminationGracePeriodSeconds: gateway drainPeriodSeconds (10) + 20, presence and route 30
        assertThat(Pods.gateway(defaults, 0).property("switchboard.shutdown-timeout", Duration.class))
                .isEqualTo(Duration.ofSeconds(25));
        assertThat(Pods.presence(defaults, Map.of()).property("switchboard.shutdown-timeout", Duration.class))
                .isEqualTo(Duration.ofSeconds(25));
        assertThat(Pods.route(defaults, Map.of()).property("switchboard.shutdown-timeout", Duration.class))
                .isEqualTo(Duration.ofSeconds(25));
    }
}
