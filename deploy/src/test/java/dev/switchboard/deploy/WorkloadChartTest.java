package dev.switchboard.deploy;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Service;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every workload of the chart shares: health probes, disruption budgets, Services, the non-root user. */
class WorkloadChartTest {

    private final RenderedChart defaults = Chart.render();

    @Test
    void probesAskTheHealthGroupsOnEachServicesManagementPort() {
        Map<String, PodConfig> configs = Map.of(Chart.GATEWAYS, Pods.gateway(defaults, 0),
                Pods.PRESENCE, Pods.presence(defaults, Map.of()), Pods.ROUTE, Pods.route(defaults, Map.of()));
        Map<String, Integer> expectedPorts = Map.of(Chart.GATEWAYS, 9000, Pods.PRESENCE, 8080, Pods.ROUTE, 9100);

        Pods.containers(defaults).forEach((workload, container) -> {
            PodConfig config = configs.get(workload);
            int serverPort = config.property("server.port", Integer.class);
            assertThat(serverPort).as(workload).isEqualTo(expectedPorts.get(workload));
            assertThat(config.property("management.endpoint.health.probes.enabled", Boolean.class)).isTrue();

            assertProbe(container, container.getReadinessProbe().getHttpGet(), "/actuator/health/readiness", serverPort);
            assertProbe(container, container.getLivenessProbe().getHttpGet(), "/actuator/health/liveness", serverPort);
            assertProbe(container, container.getStartupProbe().getHttpGet(), "/actuator/health/liveness", serverPort);
        });
    }

    @Test
    void eachWorkloadHasADisruptionBudgetSelectingExactlyItsPods() {
        Map<String, V1PodTemplateSpec> templates = Map.of(
                "gateway", defaults.statefulSet(Chart.GATEWAYS).getSpec().getTemplate(),
                "presence", defaults.deployment(Pods.PRESENCE).getSpec().getTemplate(),
                "route", defaults.deployment(Pods.ROUTE).getSpec().getTemplate());

        assertThat(defaults.disruptionBudgets()).hasSize(3);
        for (V1PodDisruptionBudget budget : defaults.disruptionBudgets()) {
            String component = budget.getMetadata().getName().substring(Chart.FULLNAME.length() + 1);
            Map<String, String> selector = budget.getSpec().getSelector().getMatchLabels();
            assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
            templates.forEach((name, template) -> assertThat(template.getMetadata().getLabels().entrySet()
                    .containsAll(selector.entrySet())).as(budget.getMetadata().getName() + " selects " + name)
                    .isEqualTo(name.equals(component)));
        }
    }

    @Test
    void everyServiceSelectsPodsThatServeItsTargetPort() {
        Map<String, V1PodSpec> pods = Map.of(
                "gateway", defaults.statefulSet(Chart.GATEWAYS).getSpec().getTemplate().getSpec(),
                "presence", defaults.deployment(Pods.PRESENCE).getSpec().getTemplate().getSpec(),
                "route", defaults.deployment(Pods.ROUTE).getSpec().getTemplate().getSpec());

        assertThat(defaults.all(V1Service.class)).extracting(service -> service.getMetadata().getName())
                .containsExactlyInAnyOrder(Chart.GATEWAYS, Chart.GATEWAYS + "-headless", Chart.FULLNAME + "-login",
                        Pods.ROUTE);
        for (V1Service service : defaults.all(V1Service.class)) {
            String component = service.getSpec().getSelector().get("app.kubernetes.io/component");
            V1Container container = pods.get(component).getContainers().get(0);
            service.getSpec().getPorts().forEach(port -> assertThat(container.getPorts())
                    .as(service.getMetadata().getName() + " port " + port.getName())
                    .anySatisfy(containerPort -> assertThat(containerPort.getName())
                            .isEqualTo(port.getTargetPort().getStrValue())));
        }
    }

    @Test
    void podsRunAsTheImagesNonRootUserWithAReadOnlyRootAndAWritableTmp() {
        long imageUser = Long.parseLong(Dockerfile.read().user().split(":")[0]);

        Pods.containers(defaults).forEach((workload, container) -> {
            V1PodSpec pod = workload.equals(Chart.GATEWAYS)
                    ? defaults.statefulSet(workload).getSpec().getTemplate().getSpec()
                    : defaults.deployment(workload).getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(imageUser);
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath())
                    .isEqualTo("/tmp"));
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
        });
    }

    private static void assertProbe(V1Container container, V1HTTPGetAction probe, String path, int serverPort) {
        assertThat(probe.getPath()).isEqualTo(path);
        assertThat(GatewayChartTest.port(container, probe.getPort().getStrValue()).getContainerPort())
                .as(container.getName() + " " + path).isEqualTo(serverPort);
    }
}
