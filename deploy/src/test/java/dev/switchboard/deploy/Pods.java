package dev.switchboard.deploy;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Secret;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The rendered chart's pods as they would run: the configuration each service reads, given the Secrets there are. */
final class Pods {

    static final String PRESENCE = Chart.FULLNAME + "-presence";
    static final String ROUTE = Chart.FULLNAME + "-route";

    private Pods() {
    }

    /** Gateway pod {@code ordinal} of the StatefulSet, on node {@code 10.0.0.<ordinal+1>} with pod IP 10.1.0.x. */
    static PodConfig gateway(RenderedChart chart, int ordinal, Map<String, Map<String, String>> existingSecrets) {
        V1PodSpec pod = chart.statefulSet(Chart.GATEWAYS).getSpec().getTemplate().getSpec();
        return PodConfig.of(chart, pod, "msg-gateway", Map.of(
                "metadata.name", Chart.GATEWAYS + "-" + ordinal,
                "status.hostIP", "10.0.0." + (ordinal + 1),
                "status.podIP", "10.1.0." + (ordinal + 1)), secrets(chart, existingSecrets));
    }

    static PodConfig gateway(RenderedChart chart, int ordinal) {
        return gateway(chart, ordinal, Map.of());
    }

    static PodConfig presence(RenderedChart chart, Map<String, Map<String, String>> existingSecrets) {
        V1PodSpec pod = chart.deployment(PRESENCE).getSpec().getTemplate().getSpec();
        return PodConfig.of(chart, pod, "presence-service", Map.of(), secrets(chart, existingSecrets));
    }

    static PodConfig route(RenderedChart chart, Map<String, Map<String, String>> existingSecrets) {
        V1PodSpec pod = chart.deployment(ROUTE).getSpec().getTemplate().getSpec();
        return PodConfig.of(chart, pod, "route-service", Map.of(), secrets(chart, existingSecrets));
    }

    /** The one container of each workload the chart renders, by workload name. */
    static Map<String, V1Container> containers(RenderedChart chart) {
        return Map.of(
                Chart.GATEWAYS, chart.statefulSet(Chart.GATEWAYS).getSpec().getTemplate().getSpec().getContainers().get(0),
                PRESENCE, chart.deployment(PRESENCE).getSpec().getTemplate().getSpec().getContainers().get(0),
                ROUTE, chart.deployment(ROUTE).getSpec().getTemplate().getSpec().getContainers().get(0));
    }

    /** The chart's own Secrets (decoded) plus the existing ones. */
    private static Map<String, Map<String, String>> secrets(RenderedChart chart,
                                                            Map<String, Map<String, String>> existingSecrets) {
        Map<String, Map<String, String>> all = new HashMap<>(existingSecrets);
        for (V1Secret secret : chart.secrets()) {
            Map<String, String> data = new HashMap<>();
            secret.getData().forEach((key, value) -> data.put(key, new String(value, StandardCharsets.UTF_8)));
            all.put(secret.getMetadata().getName(), data);
        }
        return all;
    }
}
