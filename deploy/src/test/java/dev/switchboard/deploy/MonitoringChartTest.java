package dev.switchboard.deploy;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Service;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ServiceMonitor, PrometheusRule (Prometheus Operator kinds, checked as YAML) and the Grafana dashboard ConfigMap. The
 * dashboard and the rules are whatever files/ holds: these tests compare the rendered objects with those files.
 */
class MonitoringChartTest {

    private final RenderedChart monitored = Chart.render("nodeport-autoscaling");

    @Test
    void theServiceMonitorScrapesEveryServiceOnItsActuatorEndpointUnderItsServiceName() {
        Map<String, Object> monitor = single(monitored.custom("ServiceMonitor"));
        Map<String, Object> spec = map(monitor.get("spec"));
        Map<String, Object> selector = map(map(spec.get("selector")).get("matchLabels"));
        Map<String, Object> endpoint = map(list(spec.get("endpoints")).get(0));

        assertThat(monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(map(map(monitor.get("metadata")).get("labels"))).containsEntry("release", "kube-prometheus-stack");
        assertThat(endpoint).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http")
                .containsEntry("interval", "30s");
        List<V1Service> scraped = monitored.all(V1Service.class).stream()
                .filter(service -> service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
        assertThat(scraped).extracting(service -> service.getMetadata().getLabels().get((String) spec.get("jobLabel")))
                .containsExactlyInAnyOrder("msg-gateway", "presence-service", "route-service");
        assertThat(scraped).allSatisfy(service -> assertThat(service.getSpec().getPorts())
                .anySatisfy(port -> assertThat(port.getName()).isEqualTo(endpoint.get("port"))));
        assertThat(Chart.render().custom("ServiceMonitor")).isEmpty();
    }

    @Test
    void thePrometheusRuleCarriesTheRuleFilesGroups() {
        Map<String, Object> rule = single(monitored.custom("PrometheusRule"));
        Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(RepositoryFiles.read(RepositoryFiles.ALERT_RULES));

        assertThat(rule.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(map(map(rule.get("metadata")).get("labels"))).containsEntry("release", "kube-prometheus-stack");
        assertThat(list(map(rule.get("spec")).get("groups"))).isNotEmpty().isEqualTo(file.get("groups"));
        for (Object group : list(file.get("groups"))) {
            assertThat(map(group)).containsKeys("name", "rules");
            assertThat(list(map(group).get("rules"))).allSatisfy(entry -> {
                assertThat(map(entry)).containsKey("expr");
                assertThat(map(entry).keySet()).containsAnyOf("alert", "record");
            });
        }
        assertThat(Chart.render().custom("PrometheusRule")).isEmpty();
    }

    @Test
    void theDashboardConfigMapCarriesTheDashboardFileForTheGrafanaSidecar() {
        V1ConfigMap dashboard = Chart.render().configMap(Chart.FULLNAME + "-dashboard");
        String file = RepositoryFiles.read(RepositoryFiles.DASHBOARD);

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
        assertThat(dashboard.getData()).containsOnlyKeys("switchboard-dashboard.json");
        assertThat(dashboard.getData().get("switchboard-dashboard.json")).isEqualTo(file.stripTrailing());
        assertThat(JsonParser.parseString(dashboard.getData().get("switchboard-dashboard.json")).getAsJsonObject()
                .getAsJsonArray("panels")).isNotEmpty();
        assertThat(Chart.render("policies").findConfigMap(Chart.FULLNAME + "-dashboard")).isEmpty();
    }

    @Test
    void strimziTopicsCoverEveryTopicAndEveryGatewayTheStatefulSetCanHave() {
        RenderedChart chart = Chart.render("existing-secrets");
        List<Map<String, Object>> topics = chart.custom("KafkaTopic");
        Map<String, Object> partitions = new java.util.HashMap<>();
        topics.forEach(topic -> partitions.put((String) map(topic.get("spec")).get("topicName"),
                map(topic.get("spec")).get("partitions")));

        assertThat(partitions).containsOnly(Map.entry("im.route", 12), Map.entry("im.presence", 12),
                Map.entry("im.route-dlt", 1), Map.entry("im.presence-dlt", 1),
                Map.entry("im.deliver.chat-switchboard-gateway-0", 1),
                Map.entry("im.deliver.chat-switchboard-gateway-0-dlt", 1),
                Map.entry("im.deliver.chat-switchboard-gateway-1", 1),
                Map.entry("im.deliver.chat-switchboard-gateway-1-dlt", 1));
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.get("apiVersion")).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(map(map(topic.get("metadata")).get("labels"))).containsEntry("strimzi.io/cluster", "my-cluster");
            assertThat(map(topic.get("metadata"))).containsEntry("namespace", "kafka");
            assertThat(map(topic.get("spec"))).containsEntry("replicas", 3);
        });
        assertThat(Chart.render().custom("KafkaTopic")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static Map<String, Object> single(List<Map<String, Object>> resources) {
        assertThat(resources).hasSize(1);
        return resources.get(0);
    }
}
