package dev.switchboard.e2e;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitoring files of the repository as operators deploy them: the Grafana dashboard and the Prometheus alert
 * rules under {@code helm/switchboard/files/}, and the queries they hold.
 */
final class MonitoringFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DASHBOARD = ROOT.resolve("helm/switchboard/files/grafana/switchboard-dashboard.json");
    static final Path ALERTS = ROOT.resolve("helm/switchboard/files/prometheus/switchboard-alerts.yml");

    private MonitoringFiles() {
    }

    static JsonNode dashboard() {
        return JsonMapper.builder().build().readTree(read(DASHBOARD));
    }

    /** The rule file as YAML maps and lists. */
    static Map<String, Object> alertRuleFile() {
        return new Yaml().load(read(ALERTS));
    }

    /** Every rule of every group of the rule file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) alertRuleFile().get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** Every panel of the dashboard, rows and the panels inside collapsed rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every PromQL expression, by where it is: each dashboard panel's targets and each alert rule. */
    static Map<String, String> expressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode panel : panels(dashboard())) {
            for (JsonNode target : panel.path("targets")) {
                expressions.put("panel '" + panel.path("title").asString() + "' " + target.path("refId").asString(),
                        target.path("expr").asString());
            }
        }
        for (Map<String, Object> rule : alertRules()) {
            expressions.put("alert " + rule.get("alert"), String.valueOf(rule.get("expr")));
        }
        return expressions;
    }

    /** The queries of the dashboard's query variables ({@code label_values(metric, label)}), by variable name. */
    static Map<String, String> variableQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                queries.put(variable.path("name").asString(), variable.path("query").path("query").asString());
            }
        }
        return queries;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
