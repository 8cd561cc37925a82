package dev.switchboard.deploy;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.proto.Topics;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V2MetricSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayChartTest {

    private final RenderedChart defaults = Chart.render();

    @Test
    void eachGatewayPodsNameWithItsOrdinalIsItsGatewayId() {
        V1StatefulSet gateways = defaults.statefulSet(Chart.GATEWAYS);

        assertThat(gateways.getSpec().getReplicas()).isEqualTo(2);
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            GatewayProperties properties = Pods.gateway(defaults, ordinal).bind("switchboard.gateway",
                    GatewayProperties.class);
            assertThat(properties.id()).isEqualTo("chat-switchboard-gateway-" + ordinal);
            assertThat(Topics.deliver(properties.id())).isEqualTo("im.deliver.chat-switchboard-gateway-" + ordinal);
        }
        V1Service governing = defaults.service(gateways.getSpec().getServiceName());
        assertThat(governing.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(governing.getSpec().getSelector())
                .isEqualTo(gateways.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void gatewaysListenAndAdvertiseOnTheClientPortTheServiceExposes() {
        V1Container gateway = Pods.containers(defaults).get(Chart.GATEWAYS);
        GatewayProperties properties = Pods.gateway(defaults, 1).bind("switchboard.gateway", GatewayProperties.class);
        V1Service clients = defaults.service(Chart.GATEWAYS);

        assertThat(properties.port()).isEqualTo(8000).isEqualTo(port(gateway, "client").getContainerPort());
        assertThat(properties.advertisedHost()).isEqualTo("chat-switchboard-gateway.im.svc");
        assertThat(clients.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(clients.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(properties.port());
            assertThat(port.getTargetPort()).isEqualTo(new IntOrString("client"));
        });
        assertThat(clients.getSpec().getSelector())
                .isEqualTo(defaults.statefulSet(Chart.GATEWAYS).getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void aNodePortServiceUsesTheGatewayPortAsNodePortSoTheAdvertisedAddressReachesIt() {
        RenderedChart chart = Chart.render("nodeport-autoscaling");
        GatewayProperties properties = Pods.gateway(chart, 0).bind("switchboard.gateway", GatewayProperties.class);
        V1Service clients = chart.service(Chart.GATEWAYS);

        assertThat(clients.getSpec().getType()).isEqualTo("NodePort");
        assertThat(clients.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(clients.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getNodePort()).isEqualTo(30800);
            assertThat(port.getPort()).isEqualTo(30800);
        });
        assertThat(properties.port()).isEqualTo(30800);
        assertThat(properties.advertisedHost()).isEqualTo("chat.example.com");
        assertThat(port(Pods.containers(chart).get(Chart.GATEWAYS), "client").getContainerPort()).isEqualTo(30800);
    }

    @Test
    void inHostPortModeEachGatewayAdvertisesItsNodesAddressOnTheHostPort() {
        RenderedChart chart = Chart.render("hostport");
        V1ContainerPort client = port(Pods.containers(chart).get(Chart.GATEWAYS), "client");

        assertThat(client.getHostPort()).isEqualTo(8000).isEqualTo(client.getContainerPort());
        assertThat(Pods.gateway(chart, 0).bind("switchboard.gateway", GatewayProperties.class).advertisedHost())
                .isEqualTo("10.0.0.1");
        assertThat(Pods.gateway(chart, 4).bind("switchboard.gateway", GatewayProperties.class).advertisedHost())
                .isEqualTo("10.0.0.5");
    }

    @Test
    void inPodIpModeEachGatewayAdvertisesItsPodAddressAndTheBackupHost() {
        RenderedChart chart = Chart.render("podip");
        GatewayProperties properties = Pods.gateway(chart, 2).bind("switchboard.gateway", GatewayProperties.class);

        assertThat(properties.advertisedHost()).isEqualTo("10.1.0.3");
        assertThat(properties.backupHost()).isEqualTo("backup.example.com");
        assertThat(port(Pods.containers(chart).get(Chart.GATEWAYS), "client").getHostPort()).isNull();
    }

    @Test
    void theGracePeriodAndSpringsShutdownPhaseCoverTheDrainPeriod() {
        for (RenderedChart chart : new RenderedChart[] {defaults, Chart.render("policies")}) {
            V1StatefulSet gateways = chart.statefulSet(Chart.GATEWAYS);
            Duration drain = Pods.gateway(chart, 0).property("switchboard.gateway.drain-period", Duration.class);
            long grace = gateways.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();

            Duration phase = Pods.gateway(chart, 0).property("spring.lifecycle.timeout-per-shutdown-phase",
                    Duration.class);

            assertThat(grace).isGreaterThan(drain.plusSeconds(15).toSeconds());
            assertThat(phase).isGreaterThan(drain).isLessThan(Duration.ofSeconds(grace));
        }
        assertThat(Pods.gateway(Chart.render("policies"), 0).property("switchboard.gateway.drain-period",
                Duration.class)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theAutoscalerScalesTheStatefulSetOnCpuAndConnectionsAndOwnsItsReplicas() {
        RenderedChart chart = Chart.render("nodeport-autoscaling");
        V2HorizontalPodAutoscaler autoscaler = chart.autoscalers().get(0);

        assertThat(chart.autoscalers()).hasSize(1);
        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(Chart.GATEWAYS);
        assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(12);
        assertThat(autoscaler.getSpec().getMetrics()).extracting(V2MetricSpec::getType)
                .containsExactly("Resource", "Pods");
        V2MetricSpec cpu = autoscaler.getSpec().getMetrics().get(0);
        assertThat(cpu.getResource().getName()).isEqualTo("cpu");
        assertThat(cpu.getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        V2MetricSpec connections = autoscaler.getSpec().getMetrics().get(1);
        assertThat(connections.getPods().getMetric().getName()).isEqualTo("im_gateway_connections");
        assertThat(connections.getPods().getTarget().getAverageValue().getNumber()).isEqualByComparingTo("20000");
        assertThat(autoscaler.getSpec().getBehavior().getScaleDown().getPolicies()).singleElement()
                .satisfies(policy -> assertThat(policy.getValue()).isEqualTo(1));
        assertThat(chart.statefulSet(Chart.GATEWAYS).getSpec().getReplicas()).isNull();
        assertThat(defaults.autoscalers()).isEmpty();
    }

    static V1ContainerPort port(V1Container container, String name) {
        return container.getPorts().stream().filter(port -> name.equals(port.getName())).findFirst().orElseThrow();
    }
}
