package dev.switchboard.deploy;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The manifests of one {@code helm template} run. Kubernetes kinds are parsed by client-java's strict loader into
 * their model types, so an unknown field or a wrong type fails the test right there; the Prometheus Operator and
 * Strimzi kinds, whose types client-java does not have, are kept as plain YAML maps for the tests to check.
 */
record RenderedChart(String text, List<Object> resources, List<Map<String, Object>> customResources) {

    /** Kinds from CRDs (Prometheus Operator, Strimzi): no model types, checked as YAML by the tests. */
    static final Set<String> CUSTOM_KINDS = Set.of("ServiceMonitor", "PrometheusRule", "KafkaTopic");

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    static RenderedChart parse(String text) {
        List<Object> resources = new ArrayList<>();
        List<Map<String, Object>> customResources = new ArrayList<>();
        Yaml plain = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (String document : DOCUMENT_SEPARATOR.split(text)) {
            Map<String, Object> map = plain.load(document);
            if (map == null) {
                continue;
            }
            if (CUSTOM_KINDS.contains(String.valueOf(map.get("kind")))) {
                customResources.add(map);
            } else {
                resources.add(strict(document));
            }
        }
        return new RenderedChart(text, List.copyOf(resources), List.copyOf(customResources));
    }

    /** client-java's loader: picks the model type from apiVersion and kind, rejects unknown fields and wrong types. */
    static Object strict(String document) {
        try {
            Object resource = io.kubernetes.client.util.Yaml.load(document);
            if (resource == null || resource instanceof Map<?, ?> || resource instanceof DynamicKubernetesObject) {
                throw new IllegalArgumentException("not a known Kubernetes kind:\n" + document);
            }
            return resource;
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid manifest: " + e.getMessage() + "\n" + document, e);
        }
    }

    <T> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    V1StatefulSet statefulSet(String name) {
        return named(all(V1StatefulSet.class), name, set -> set.getMetadata().getName());
    }

    V1Deployment deployment(String name) {
        return named(all(V1Deployment.class), name, deployment -> deployment.getMetadata().getName());
    }

    V1Service service(String name) {
        return named(all(V1Service.class), name, service -> service.getMetadata().getName());
    }

    V1ConfigMap configMap(String name) {
        return named(all(V1ConfigMap.class), name, map -> map.getMetadata().getName());
    }

    Optional<V1ConfigMap> findConfigMap(String name) {
        return all(V1ConfigMap.class).stream().filter(map -> map.getMetadata().getName().equals(name)).findFirst();
    }

    List<V1Secret> secrets() {
        return all(V1Secret.class);
    }

    List<V2HorizontalPodAutoscaler> autoscalers() {
        return all(V2HorizontalPodAutoscaler.class);
    }

    List<V1PodDisruptionBudget> disruptionBudgets() {
        return all(V1PodDisruptionBudget.class);
    }

    List<Map<String, Object>> custom(String kind) {
        return customResources.stream().filter(resource -> kind.equals(resource.get("kind"))).toList();
    }

    private static <T> T named(List<T> candidates, String name, java.util.function.Function<T, String> nameOf) {
        return candidates.stream().filter(candidate -> nameOf.apply(candidate).equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(name + " not among "
                        + candidates.stream().map(nameOf).toList()));
    }
}
